//! An empty Tauri window: the baseline Caja's start-up time and memory are measured against.

use std::sync::atomic::{AtomicBool, Ordering};

static SEEN: AtomicBool = AtomicBool::new(false);

/// Called by the page once it has loaded; prints the readiness line the bench waits for, once.
#[tauri::command]
fn ready() {
    if !SEEN.swap(true, Ordering::Relaxed) {
        eprintln!("ui ready: the empty window loaded");
    }
}

fn main() {
    tauri::Builder::default()
        .invoke_handler(tauri::generate_handler![ready])
        .run(tauri::generate_context!())
        .expect("the empty window could not run");
}

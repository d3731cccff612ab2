//! Tauri's build step, with an application manifest generated from the command list: each command gets
//! an `allow-…` permission, and the window's capability grants exactly those (see capabilities/).

#[path = "src/command_list.rs"]
mod command_list;

fn main() {
    let manifest = tauri_build::AppManifest::new().commands(command_list::COMMANDS);
    let attributes = tauri_build::Attributes::new().app_manifest(manifest);
    if let Err(error) = tauri_build::try_build(attributes) {
        eprintln!("tauri build step failed: {error:#}");
        std::process::exit(1);
    }
}

//! Tauri's build step, with an application manifest generated from the command list: each command gets
//! an `allow-…` permission, and the window's capability (capabilities/default.json) is written from the
//! same list, so adding a command in one place grants it and nothing else.

#[path = "src/command_list.rs"]
mod command_list;

use std::path::Path;

/// The window's capability, relative to the crate (tauri_build reads the whole folder).
const CAPABILITY_FILE: &str = "capabilities/default.json";

fn main() {
    println!("cargo:rerun-if-changed=src/command_list.rs");
    // The chain's release key, built into the binary (src/updates.rs).
    println!("cargo:rerun-if-env-changed=CAJA_UPDATE_PUBKEY");
    // Before tauri_build, which reads the capability.
    if let Err(error) =
        write_if_changed(Path::new(CAPABILITY_FILE), &command_list::capability_json())
    {
        eprintln!("cannot write {CAPABILITY_FILE}: {error}");
        std::process::exit(1);
    }
    let manifest = tauri_build::AppManifest::new().commands(command_list::COMMANDS);
    let attributes = tauri_build::Attributes::new().app_manifest(manifest);
    if let Err(error) = tauri_build::try_build(attributes) {
        eprintln!("tauri build step failed: {error:#}");
        std::process::exit(1);
    }
}

/// Writes only when the content differs: tauri_build watches the capabilities folder, so rewriting an
/// unchanged file would make every build rerun this script (and rebuild the app). A read-only checkout
/// whose committed file is current builds without writing at all.
fn write_if_changed(path: &Path, content: &str) -> std::io::Result<()> {
    match std::fs::read_to_string(path) {
        Ok(existing) if existing == content => Ok(()),
        _ => std::fs::write(path, content),
    }
}

//! The UI renders provider text as text: no Svelte file may use `{@html`, which would hand the webview
//! markup from outside. If a screen ever needs formatting, it must come through
//! `desk::untrusted_html::sanitize` and this test must be changed on purpose.

use std::path::{Path, PathBuf};

fn svelte_files(folder: &Path, found: &mut Vec<PathBuf>) {
    let entries = std::fs::read_dir(folder).unwrap_or_else(|error| panic!("{folder:?}: {error}"));
    for entry in entries {
        let path = entry.unwrap().path();
        if path.is_dir() {
            svelte_files(&path, found);
        } else if path
            .extension()
            .is_some_and(|extension| extension == "svelte")
        {
            found.push(path);
        }
    }
}

#[test]
fn no_svelte_file_renders_raw_html() {
    let ui_source = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/src");
    let mut files = Vec::new();
    svelte_files(&ui_source, &mut files);
    assert!(
        files.len() >= 3,
        "expected the UI's Svelte files under {ui_source:?}, found {files:?}"
    );
    let offenders: Vec<String> = files
        .iter()
        .filter(|file| {
            std::fs::read_to_string(file)
                .unwrap()
                .to_ascii_lowercase()
                .contains("{@html")
        })
        .map(|file| file.display().to_string())
        .collect();
    assert!(
        offenders.is_empty(),
        "these files render raw HTML with {{@html}}; render provider text as text: {offenders:?}"
    );
}

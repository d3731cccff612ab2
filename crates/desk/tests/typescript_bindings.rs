//! `ui/src/lib/bindings.ts` is exactly what desk renders from the Rust types, so the UI's copy of the
//! bridge cannot drift from what the commands really take and answer. With `CAJA_WRITE_BINDINGS=1` the
//! test writes the file instead of comparing (then commit it).

use std::path::PathBuf;

use desk::typescript::{BINDINGS_PATH, REGENERATE, bindings};

#[test]
fn the_checked_in_bindings_are_the_rendered_ones() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(BINDINGS_PATH);
    let rendered = bindings();
    if std::env::var_os("CAJA_WRITE_BINDINGS").is_some_and(|value| value == "1") {
        std::fs::write(&path, &rendered).unwrap();
        return;
    }
    let checked_in = std::fs::read_to_string(&path).unwrap_or_default();
    // Compared as text, but reported by line: the first difference is what a person needs to see.
    if checked_in != rendered {
        let first = checked_in
            .lines()
            .zip(rendered.lines())
            .position(|(have, want)| have != want)
            .unwrap_or_else(|| checked_in.lines().count().min(rendered.lines().count()));
        panic!(
            "{BINDINGS_PATH} is not what the Rust types render (first difference at line {}: has {:?}, \
             should have {:?}); run `{REGENERATE}` and commit it",
            first + 1,
            checked_in.lines().nth(first).unwrap_or("<end of file>"),
            rendered.lines().nth(first).unwrap_or("<end of file>"),
        );
    }
}

//! `ui/src/lib/bindings.ts` is exactly what desk renders from the Rust types, so the UI's copy of the
//! bridge cannot drift from what the commands really take and answer; `ui/src/lib/words.ts` is exactly
//! what desk renders from the screens' words in `desk::wording::screens`, so a word is changed in one
//! place. With `CAJA_WRITE_BINDINGS=1` the tests write the files instead of comparing (then commit them).

use std::path::PathBuf;

use desk::typescript::{BINDINGS_PATH, REGENERATE, WORDS_PATH, bindings, screen_words};

#[test]
fn the_checked_in_bindings_are_the_rendered_ones() {
    check_or_write(BINDINGS_PATH, &bindings(), "the Rust types render");
}

#[test]
fn the_checked_in_screen_words_are_the_rendered_ones() {
    check_or_write(
        WORDS_PATH,
        &screen_words(),
        "desk::wording::screens renders",
    );
}

fn check_or_write(relative: &str, rendered: &str, source: &str) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(relative);
    if std::env::var_os("CAJA_WRITE_BINDINGS").is_some_and(|value| value == "1") {
        std::fs::write(&path, rendered).unwrap();
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
            "{relative} is not what {source} (first difference at line {}: has {:?}, should have \
             {:?}); run `{REGENERATE}` and commit it",
            first + 1,
            checked_in.lines().nth(first).unwrap_or("<end of file>"),
            rendered.lines().nth(first).unwrap_or("<end of file>"),
        );
    }
}

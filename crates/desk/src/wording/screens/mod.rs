//! The words of the desktop's screens, in Spanish and English: one `(key, es, en)` entry per label,
//! button, hint and message the Svelte screens show. The UI does not keep a copy: `desk::typescript`
//! writes these tables to `ui/src/lib/words.ts` (and a test fails when that file is stale), so a word
//! is changed here, next to the CLI's and the PDF's, and nowhere else. Placeholders are `{name}`,
//! filled by the UI's `translate`; a text and its translation name the same ones.
//!
//! What the bridge already answers in the app's language (error messages, `kindLabel`, `stateLabel`,
//! `originLabel`) is not repeated here.

mod ajustes;
mod aplazame;
mod backups;
mod cobro;
mod cuotas;
mod days;
mod errors;
mod frame;
mod payment;
mod sign_in;
mod supervision;
mod turno;
mod updates;
mod vouchers;

/// One word of a screen: its key (`screen.what`), then the Spanish and the English text.
pub type ScreenWord = (&'static str, &'static str, &'static str);

/// Every screen's words, one group per part of the desktop, in the order the generated file lists them.
pub const SCREEN_WORDS: &[&[ScreenWord]] = &[
    frame::WORDS,
    sign_in::WORDS,
    supervision::WORDS,
    updates::WORDS,
    cobro::WORDS,
    payment::WORDS,
    vouchers::WORDS,
    aplazame::WORDS,
    turno::WORDS,
    cuotas::WORDS,
    days::WORDS,
    ajustes::WORDS,
    backups::WORDS,
    errors::WORDS,
];

/// The names between braces in `text` (`{name}`, `{count}`), the way the UI's `translate` finds them.
pub fn placeholders(text: &str) -> std::collections::BTreeSet<&str> {
    text.split('{')
        .skip(1)
        .filter_map(|after| after.split_once('}'))
        .map(|(name, _)| name)
        .filter(|name| {
            !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn every_word() -> impl Iterator<Item = &'static ScreenWord> {
        SCREEN_WORDS.iter().flat_map(|group| group.iter())
    }

    #[test]
    fn every_key_is_said_in_both_languages_with_the_same_placeholders() {
        for (key, es, en) in every_word() {
            assert!(!es.trim().is_empty(), "{key} has no Spanish text");
            assert!(!en.trim().is_empty(), "{key} has no English text");
            assert_eq!(
                placeholders(es),
                placeholders(en),
                "{key}: the Spanish and the English text fill different placeholders"
            );
        }
    }

    #[test]
    fn no_key_is_given_twice() {
        let mut seen = BTreeSet::new();
        for (key, _, _) in every_word() {
            assert!(seen.insert(key), "{key} is given twice");
        }
    }

    #[test]
    fn placeholders_are_the_names_translate_fills() {
        let found =
            placeholders("{field}: la fecha {shown} no existe ({monthName} de {year}) {} {a b}");
        assert_eq!(
            found,
            BTreeSet::from(["field", "shown", "monthName", "year"])
        );
    }
}

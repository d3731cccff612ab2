//! The `caja` command's own words, in Spanish and English: what a command did and the next step to
//! type, the tables it prints (the journal, the day, the people), and its prompts for PINs and the
//! token. The facts reach these functions as they are (a check's result, journal entries, a count, a
//! path); the CLI only picks the message and prints it, or prints its JSON, which has no words. The
//! till's errors are worded by [`super::till_error`], as for every front.
//!
//! Spaces and line breaks are part of these texts: scripts and people read the columns, so the layout
//! is kept exactly as the CLI has always printed it.

mod journal;
mod operations;
mod staff;
mod token;

pub use journal::{day_summary, file_not_written, journal, sync};
pub use operations::{
    check, error_prefix, operation_confirmed, sandbox_listening, still_unresolved,
};
pub use staff::{
    approver_missing, audit_altered, audit_exported, audit_intact, first_person_not_supervisor,
    new_pin_prompt, people, person_added, person_disabled, person_enabled, pin_again, pin_prompt,
    settings_saved, settings_shown,
};
pub use token::{
    no_token, no_token_given, paste_token, token_from_env, token_kept, token_removed, token_saved,
};

//! The desk: what both fronts (the `caja` CLI and the desktop app) open. It composes the till's domain
//! with everything around it that is not domain: the settings file, the secret store, which provider
//! client a mode calls (starting the embedded sandbox when needed), the view models of the screens and
//! the words the cashier reads. Nothing below this crate knows the sandbox, the secret store or a
//! language exists.

pub mod day_sheet;
pub mod wording;

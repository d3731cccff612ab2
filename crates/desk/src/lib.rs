//! The desk: what both fronts (the `caja` CLI and the desktop app) open. It composes the till's domain
//! with everything around it that is not domain: the settings file, the secret store, which provider
//! client a mode calls (starting the embedded sandbox when needed), the view models of the screens and
//! the words the cashier reads. Nothing below this crate knows the sandbox, the secret store or a
//! language exists.

pub mod aplazame_settings;
pub mod backup_panel;
pub mod backup_settings;
pub mod backups;
pub mod central;
pub mod central_task;
pub mod closing;
pub mod data_folder;
pub mod day_sheet;
pub mod diagnosis;
pub mod doctor;
pub mod export;
mod front;
pub mod logs;
pub mod order_paper;
pub mod order_settings;
pub mod printing;
pub mod qr;
pub mod receipt;
pub mod redact;
pub mod secrets;
pub mod settings;
pub mod settings_change;
#[cfg(feature = "test-support")]
pub mod test_support;
pub mod typescript;
pub mod untrusted_html;
pub mod update_facts;
pub mod updates;
pub mod views;
pub mod voucher_link;
pub mod voucher_settings;
pub mod wording;
pub mod workstation;
mod z_drawer;
pub mod z_financing;
mod z_groups;
pub mod z_sheet;
pub mod z_transfers;

pub use data_folder::{APP_IDENTIFIER, default_data_dir};
pub use front::{Desk, Worded};
pub use settings::{Overrides, Settings};
pub use wording::{Explain, Label, Lang};
pub use workstation::Workstation;

/// The domain types the fronts name (who approves, in which role), so a front needs no other crate.
pub use till::{Approval, Country, Role};

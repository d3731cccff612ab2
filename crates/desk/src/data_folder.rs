//! Where a till keeps its data when nobody says: the platform's data folder, shared by both fronts.

use std::path::PathBuf;

/// The application identifier; also the desktop app's identifier, so both fronts share one folder.
pub const APP_IDENTIFIER: &str = "pe.caja.till";

/// The platform's data folder for Caja (`~/.local/share/pe.caja.till` on Linux), or `./caja-data` on a
/// system without one.
pub fn default_data_dir() -> PathBuf {
    dirs::data_dir()
        .map(|dir| dir.join(APP_IDENTIFIER))
        .unwrap_or_else(|| PathBuf::from("caja-data"))
}

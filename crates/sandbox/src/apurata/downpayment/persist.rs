//! The optional state file, so that short-lived processes (each `caja` command starts its own embedded
//! sandbox) behave like one provider: the financings, the billing log and the aCuotaz orders (with their
//! refunds) are read at start and written after every effective change. A file written before orders
//! existed reads as one without orders.
//!
//! A missing file means "start from the demo seed"; the file is first written at the first change, so
//! until then each start reseeds around its own today. An unreadable file, or one written by a newer
//! sandbox, is an error at start rather than silently replaced: deleting it returns to the demo data.
//! Writes go to a temporary file renamed over the old one, so a crash leaves the old state or the new,
//! never half of one. Two processes sharing one file at once are not coordinated: the last write wins.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::apurata::downpayment::financing::{BillingEvent, Financing};
use crate::apurata::orders::order::Order;

const FORMAT: u32 = 1;

#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct SavedState {
    format: u32,
    pub financings: Vec<Financing>,
    pub billing_events: Vec<BillingEvent>,
    #[serde(default)]
    pub orders: Vec<Order>,
}

/// The saved state, or `None` when there is no file yet.
pub(crate) fn load(path: &Path) -> Result<Option<SavedState>, String> {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(error) => return Err(error.to_string()),
    };
    let saved: SavedState = serde_json::from_slice(&bytes).map_err(|error| error.to_string())?;
    if saved.format > FORMAT {
        return Err(format!(
            "written by a newer sandbox (format {}, this one reads up to {FORMAT})",
            saved.format
        ));
    }
    Ok(Some(saved))
}

pub(crate) fn save(
    path: &Path,
    financings: Vec<Financing>,
    billing_events: Vec<BillingEvent>,
    orders: Vec<Order>,
) -> std::io::Result<()> {
    let saved = SavedState {
        format: FORMAT,
        financings,
        billing_events,
        orders,
    };
    let json = serde_json::to_vec_pretty(&saved).map_err(std::io::Error::other)?;
    let temporary = temporary_path(path);
    std::fs::write(&temporary, json)?;
    std::fs::rename(&temporary, path)
}

fn temporary_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_owned();
    name.push(".tmp");
    path.with_file_name(name)
}

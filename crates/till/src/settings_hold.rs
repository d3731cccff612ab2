//! A till held because `settings.json` was edited outside Caja in live mode: every provider call is
//! refused until a supervisor confirms the settings (see [`crate::settings_seal`]).

use crate::error::TillError;
use crate::operations::Till;

/// Held when `settings.json` was edited outside Caja in live mode (see [`crate::settings_seal`]).
impl Till {
    /// Refuses every provider call from now on with [`TillError::SettingsUnconfirmed`].
    pub fn hold_until_settings_confirmed(&mut self) {
        self.held_for_settings = true;
    }

    pub fn held_for_settings(&self) -> bool {
        self.held_for_settings
    }

    pub(crate) fn ensure_settings_confirmed(&self) -> Result<(), TillError> {
        if self.held_for_settings {
            return Err(TillError::SettingsUnconfirmed);
        }
        Ok(())
    }
}

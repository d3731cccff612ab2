//! [`Staff`]: who is at the till. It opens the till's database on its own (so a supervisor can sign in
//! and fix Ajustes even when the provider settings keep the till from opening), keeps who is signed in,
//! checks PINs and supervisors' approvals, and records approved settings changes in the audit record.
//!
//! When the rules apply: in live mode always; in sandbox and mock modes once the till has people (the
//! desktop creates the first supervisor on its first run; scripts on a bare sandbox need nobody).

use std::path::Path;
use std::sync::{Mutex, MutexGuard};

use rusqlite::Connection;
use serde::Serialize;

use crate::audit::{self, Subject};
use crate::db;
use crate::error::TillError;
use crate::mode::Mode;
use crate::people::{self, Approval, Approved, Person, Role};

pub struct Staff {
    connection: Mutex<Connection>,
    signed_in: Mutex<Option<Person>>,
}

/// One approved change of a setting, as sealed in the audit record.
#[derive(Debug, Clone, Serialize)]
pub struct SettingsChange {
    /// `(setting, before, after)`; a token shows as `replaced`, never itself.
    pub changes: Vec<(String, String, String)>,
    pub requested_by: Option<String>,
    pub approved_by: String,
    pub reason: String,
}

impl Staff {
    pub fn open(data_dir: &Path) -> Result<Staff, TillError> {
        Ok(Staff {
            connection: Mutex::new(db::open(data_dir)?),
            signed_in: Mutex::new(None),
        })
    }

    pub fn people(&self) -> Result<Vec<Person>, TillError> {
        people::list(&self.db())
    }

    pub fn has_people(&self) -> Result<bool, TillError> {
        Ok(people::count(&self.db())? > 0)
    }

    /// Whether sign-in and approvals are enforced in `mode`.
    pub fn rules_apply(&self, mode: Mode) -> Result<bool, TillError> {
        Ok(mode == Mode::Live || self.has_people()?)
    }

    /// The first run: the first person is a supervisor, and is signed in.
    pub fn create_first_supervisor(&self, name: &str, pin: &str) -> Result<Person, TillError> {
        if self.has_people()? {
            return Err(TillError::FirstSupervisorExists);
        }
        let person = people::add(&mut self.db(), name, Role::Supervisor, pin, None)?;
        *self.session() = Some(person.clone());
        Ok(person)
    }

    /// Adds a person; only a signed-in supervisor may.
    pub fn add_person(&self, name: &str, role: Role, pin: &str) -> Result<Person, TillError> {
        let by = self.require_supervisor()?;
        people::add(&mut self.db(), name, role, pin, Some(&by))
    }

    /// Turns a person off or on; only a signed-in supervisor may.
    pub fn set_person_active(&self, name: &str, active: bool) -> Result<Person, TillError> {
        let by = self.require_supervisor()?;
        people::set_active(&mut self.db(), name, active, &by)
    }

    /// Checks the PIN and signs the person in (five wrong PINs lock them for five minutes).
    pub fn sign_in(&self, name: &str, pin: &str) -> Result<Person, TillError> {
        let person = self.check_pin(name, pin)?;
        *self.session() = Some(person.clone());
        tracing::info!(person = %person.name, "signed in");
        Ok(person)
    }

    pub fn sign_out(&self) {
        if let Some(person) = self.session().take() {
            tracing::info!(person = %person.name, "signed out");
        }
    }

    /// Who is signed in now.
    pub fn operator(&self) -> Option<Person> {
        self.session().clone()
    }

    /// The signed-in person, required when the rules apply in `mode`.
    pub fn require_operator(&self, mode: Mode) -> Result<Option<Person>, TillError> {
        match self.operator() {
            Some(person) => Ok(Some(person)),
            None if self.rules_apply(mode)? => Err(TillError::SignInRequired {
                no_people: !self.has_people()?,
            }),
            None => Ok(None),
        }
    }

    pub fn require_supervisor(&self) -> Result<Person, TillError> {
        match self.operator() {
            Some(person) if person.is_supervisor() => Ok(person),
            Some(person) => Err(TillError::NotSupervisor { name: person.name }),
            None => Err(TillError::SignInRequired {
                no_people: !self.has_people()?,
            }),
        }
    }

    /// Checks a supervisor's approval: an active supervisor, the right PIN, and a reason.
    pub fn approve(&self, approval: &Approval) -> Result<Approved, TillError> {
        let reason = people::check_reason(&approval.reason)?;
        let supervisor = self.check_pin(&approval.supervisor, &approval.pin)?;
        if !supervisor.is_supervisor() {
            return Err(TillError::NotSupervisor {
                name: supervisor.name,
            });
        }
        Ok(Approved { supervisor, reason })
    }

    /// The approval an operation needs in `mode`: checked when the rules apply, `None` otherwise.
    pub fn approval_for(
        &self,
        mode: Mode,
        approval: Option<&Approval>,
        what: &'static str,
    ) -> Result<Option<Approved>, TillError> {
        if !self.rules_apply(mode)? {
            return Ok(None);
        }
        match approval {
            Some(approval) => self.approve(approval).map(Some),
            None => Err(TillError::ApprovalRequired {
                what,
                no_people: !self.has_people()?,
            }),
        }
    }

    /// Seals an approved settings change in the audit record.
    pub fn record_settings_change(&self, change: &SettingsChange) -> Result<(), TillError> {
        let connection = self.db();
        let transaction = connection
            .unchecked_transaction()
            .map_err(TillError::storage("write the audit record"))?;
        audit::append(
            &transaction,
            Subject::Settings,
            0,
            &audit::canonical(change),
        )?;
        transaction
            .commit()
            .map_err(TillError::storage("write the audit record"))?;
        audit::anchor::record(&connection);
        Ok(())
    }

    /// Checks the tamper-evident record of this till.
    pub fn verify_audit(&self) -> Result<audit::AuditReport, TillError> {
        audit::verify(&self.db())
    }

    fn check_pin(&self, name: &str, pin: &str) -> Result<Person, TillError> {
        people::check_pin(pin)?;
        let (person, hash) = people::pin_hash_of(&self.db(), name)?;
        // Slow on purpose; the database is not held meanwhile.
        let matched = people::pin_matches(pin, &hash);
        people::record_pin_outcome(&mut self.db(), person, matched)
    }

    pub(crate) fn db(&self) -> MutexGuard<'_, Connection> {
        self.connection
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn session(&self) -> MutexGuard<'_, Option<Person>> {
        self.signed_in
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

//! [`Staff`]: who is at the till. It opens the till's database on its own (so a supervisor can sign in
//! and fix Ajustes even when the provider settings keep the till from opening), keeps who is signed in,
//! checks PINs and supervisors' approvals, and records approved settings changes in the audit record.
//!
//! When the rules apply: in live mode always; in sandbox and mock modes once the till has people (the
//! desktop creates the first supervisor on its first run; scripts on a bare sandbox need nobody).
//!
//! A session is checked again on every command that acts, here in the backend rather than trusted to
//! the screen: the person is read back from the database (turned off by another window, or by `caja
//! users disable` on the same data folder, ends it at once), and a session left idle longer than the
//! idle lock of the saved settings is closed. Everything here blocks (argon2, SQLite): async callers
//! run it on a blocking thread.

use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard};

use jiff::{SignedDuration, Timestamp};
use rusqlite::Connection;
use serde::Serialize;

use crate::audit::{self, Subject};
use crate::clock::Clock;
use crate::db;
use crate::error::TillError;
use crate::mode::Mode;
use crate::people::{self, Approval, Approved, Person, Role};

pub struct Staff {
    /// The till's one connection to its database, shared with the [`crate::Till`] opened on this staff.
    connection: Arc<Mutex<Connection>>,
    session: Mutex<Option<Session>>,
    clock: Clock,
    idle_lock: IdleLock,
}

/// The idle lock in force, in minutes, asked on every check so a supervisor's change applies to open
/// sessions at once. The desk reads it from the saved settings; the till itself keeps no settings.
pub type IdleLock = Box<dyn Fn() -> u32 + Send + Sync>;

/// The idle lock of a till whose settings say nothing else.
pub const DEFAULT_IDLE_LOCK_MINUTES: u32 = 5;

/// Who signed in, and when they last did something.
struct Session {
    person: Person,
    last_active: Timestamp,
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
        Staff::open_with_clock(data_dir, Clock::system())
    }

    /// Opens with a given clock (a test moves it instead of waiting out the idle lock).
    pub fn open_with_clock(data_dir: &Path, clock: Clock) -> Result<Staff, TillError> {
        Ok(Staff {
            connection: Arc::new(Mutex::new(db::open(data_dir)?)),
            session: Mutex::new(None),
            clock,
            idle_lock: Box::new(|| DEFAULT_IDLE_LOCK_MINUTES),
        })
    }

    /// Where the idle lock's minutes come from (by default, [`DEFAULT_IDLE_LOCK_MINUTES`]).
    pub fn with_idle_lock(mut self, idle_lock: IdleLock) -> Staff {
        self.idle_lock = idle_lock;
        self
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
        self.start_session(person.clone());
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
        self.start_session(person.clone());
        tracing::info!(person = %person.name, "signed in");
        Ok(person)
    }

    pub fn sign_out(&self) {
        if let Some(session) = self.session().take() {
            tracing::info!(person = %session.person.name, "signed out");
        }
    }

    /// Who is signed in now, if their session still holds (a look: it does not count as activity).
    pub fn operator(&self) -> Option<Person> {
        self.current().ok().flatten()
    }

    /// The signed-in person, required when the rules apply in `mode`; counts as activity.
    pub fn require_operator(&self, mode: Mode) -> Result<Option<Person>, TillError> {
        match self.current()? {
            Some(person) => {
                self.touch();
                Ok(Some(person))
            }
            None if self.rules_apply(mode)? => Err(TillError::SignInRequired {
                no_people: !self.has_people()?,
            }),
            None => Ok(None),
        }
    }

    /// The signed-in person, who must be a supervisor; counts as activity.
    pub fn require_supervisor(&self) -> Result<Person, TillError> {
        match self.current()? {
            Some(person) if person.is_supervisor() => {
                self.touch();
                Ok(person)
            }
            Some(person) => Err(TillError::NotSupervisor { name: person.name }),
            None => Err(TillError::SignInRequired {
                no_people: !self.has_people()?,
            }),
        }
    }

    /// The person at the screen is still there (typing, clicking): keeps a live session open. A session
    /// already past the idle lock is not revived: that is refused like any other command.
    pub fn note_activity(&self) -> Result<(), TillError> {
        if self.current()?.is_some() {
            self.touch();
        }
        Ok(())
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
        audit::commit(transaction).map_err(TillError::storage("write the audit record"))
    }

    /// The shifts open now, in any mode: `(mode, shift id)`. What the store's country may not change
    /// under (a shift's drawer is counted in its country's money).
    pub fn open_shifts(&self) -> Result<Vec<(Mode, i64)>, TillError> {
        // Read here rather than through `shift`, which sits above the staff.
        let connection = self.db();
        let mut statement = connection
            .prepare("SELECT mode, id FROM shift WHERE state = 'open' ORDER BY id")
            .map_err(TillError::storage("read the shift"))?;
        let rows = statement
            .query_map([], |row| {
                Ok((row.get::<_, String>(0)?, row.get::<_, i64>(1)?))
            })
            .map_err(TillError::storage("read the shift"))?;
        let mut open = Vec::new();
        for row in rows {
            let (mode, id) = row.map_err(TillError::storage("read the shift"))?;
            if let Ok(mode) = mode.parse() {
                open.push((mode, id));
            }
        }
        Ok(open)
    }

    /// Checks the tamper-evident record of this till.
    pub fn verify_audit(&self) -> Result<audit::AuditReport, TillError> {
        audit::verify(&self.db())
    }

    fn check_pin(&self, name: &str, pin: &str) -> Result<Person, TillError> {
        people::check_pin(pin)?;
        people::verify_pin(&mut self.db(), name, pin, self.clock.now())
    }

    fn start_session(&self, person: Person) {
        *self.session() = Some(Session {
            person,
            last_active: self.clock.now(),
        });
    }

    fn touch(&self) {
        if let Some(session) = self.session().as_mut() {
            session.last_active = self.clock.now();
        }
    }

    /// The signed-in person as stored now, or why their session just ended (it is then closed).
    fn current(&self) -> Result<Option<Person>, TillError> {
        let Some((id, name, last_active)) = self
            .session()
            .as_ref()
            .map(|s| (s.person.id, s.person.name.clone(), s.last_active))
        else {
            return Ok(None);
        };
        let person = people::by_id(&self.db(), id)?.filter(|person| person.active);
        let minutes = self.idle_lock_minutes();
        let idle = self.clock.now().duration_since(last_active)
            > SignedDuration::from_mins(i64::from(minutes));
        let ended = match person {
            None => TillError::PersonDisabled { name },
            Some(_) if idle => TillError::SessionIdle { name, minutes },
            Some(person) => return Ok(Some(person)),
        };
        self.session().take();
        tracing::info!(code = ended.code(), "session ended");
        Err(ended)
    }

    fn idle_lock_minutes(&self) -> u32 {
        (self.idle_lock)()
    }

    /// The journal of one Lima day in `mode`, newest first.
    pub fn journal_of_day(
        &self,
        mode: Mode,
        day: jiff::civil::Date,
    ) -> Result<Vec<crate::journal::JournalEntry>, TillError> {
        crate::journal::list(&self.db(), mode, Some(day))
    }

    /// The connection the till opened on this staff shares, so one process holds one connection.
    pub(crate) fn shared_connection(&self) -> Arc<Mutex<Connection>> {
        Arc::clone(&self.connection)
    }

    pub(crate) fn db(&self) -> MutexGuard<'_, Connection> {
        self.connection
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn session(&self) -> MutexGuard<'_, Option<Session>> {
        self.session
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

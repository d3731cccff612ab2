//! The people who use the till: cashiers and supervisors, each with a name and a PIN kept only as an
//! argon2id hash. Owns signing in (five wrong PINs lock that person for five minutes), the supervisor's
//! approval that undo-billing and risky settings need, and the list IT and supervisors manage.
//!
//! Every change to a person is sealed in the audit record (`audit`), never with the PIN or its hash.

use argon2::Argon2;
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use jiff::Timestamp;
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::audit;
use crate::error::{InputProblem, TillError};

/// Wrong PINs in a row that lock a person.
pub const MAX_WRONG_PINS: u32 = 5;
/// How long a locked person waits.
pub const LOCKOUT_MINUTES: i64 = 5;
const PIN_DIGITS: std::ops::RangeInclusive<usize> = 4..=8;
const NAME_CHARS: std::ops::RangeInclusive<usize> = 2..=40;
/// A reason is a sentence, not a keystroke.
const MIN_REASON_CHARS: usize = 5;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Cashier,
    Supervisor,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Cashier => "cashier",
            Role::Supervisor => "supervisor",
        }
    }
}

impl std::str::FromStr for Role {
    type Err = String;

    fn from_str(text: &str) -> Result<Role, String> {
        match text.trim().to_ascii_lowercase().as_str() {
            "cashier" | "cajero" | "cajera" => Ok(Role::Cashier),
            "supervisor" | "supervisora" => Ok(Role::Supervisor),
            other => Err(format!("unknown role «{other}»: use cashier or supervisor")),
        }
    }
}

/// A person as the fronts see them: never the PIN's hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Person {
    pub id: i64,
    pub name: String,
    pub role: Role,
    pub active: bool,
    /// Set while five wrong PINs keep this person out.
    pub locked_until: Option<Timestamp>,
}

impl Person {
    pub fn is_supervisor(&self) -> bool {
        self.role == Role::Supervisor
    }
}

/// What a supervisor types to allow a sensitive operation.
#[derive(Clone, Deserialize)]
pub struct Approval {
    pub supervisor: String,
    pub pin: String,
    pub reason: String,
}

impl std::fmt::Debug for Approval {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Approval")
            .field("supervisor", &self.supervisor)
            .field("pin", &"***")
            .field("reason", &self.reason)
            .finish()
    }
}

/// An approval whose PIN was checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Approved {
    pub supervisor: Person,
    pub reason: String,
}

/// The audit content of a person: who, which role, active; never the PIN.
#[derive(Serialize)]
struct PersonRecord<'a> {
    event: &'a str,
    name: &'a str,
    role: Role,
    active: bool,
    by: Option<&'a str>,
}

pub(crate) fn count(connection: &Connection) -> Result<i64, TillError> {
    connection
        .query_row("SELECT count(*) FROM person", [], |row| row.get(0))
        .map_err(TillError::storage("read the people"))
}

pub(crate) fn list(connection: &Connection) -> Result<Vec<Person>, TillError> {
    let mut statement = connection
        .prepare("SELECT id, name, role, active, locked_until_ms FROM person ORDER BY name")
        .map_err(TillError::storage("read the people"))?;
    let people = statement
        .query_map([], read_person)
        .map_err(TillError::storage("read the people"))?
        .collect::<Result<Vec<_>, _>>()
        .map_err(TillError::storage("read the people"))?;
    Ok(people)
}

fn read_person(row: &rusqlite::Row<'_>) -> rusqlite::Result<Person> {
    let role: String = row.get(2)?;
    let locked_until: Option<i64> = row.get(4)?;
    Ok(Person {
        id: row.get(0)?,
        name: row.get(1)?,
        role: role.parse().unwrap_or(Role::Cashier),
        active: row.get::<_, i64>(3)? == 1,
        locked_until: locked_until
            .filter(|until| *until > Timestamp::now().as_millisecond())
            .and_then(|until| Timestamp::from_millisecond(until).ok()),
    })
}

pub(crate) fn check_name(name: &str) -> Result<String, TillError> {
    let name = name.trim();
    let chars = name.chars().count();
    if !NAME_CHARS.contains(&chars) || name.chars().any(char::is_control) {
        return Err(TillError::invalid("name", name, InputProblem::PersonName));
    }
    Ok(name.to_owned())
}

pub(crate) fn check_pin(pin: &str) -> Result<(), TillError> {
    if !PIN_DIGITS.contains(&pin.len()) || !pin.bytes().all(|b| b.is_ascii_digit()) {
        // The value of a PIN is never echoed back.
        return Err(TillError::invalid("pin", "", InputProblem::Pin));
    }
    Ok(())
}

pub(crate) fn check_reason(reason: &str) -> Result<String, TillError> {
    let reason = reason.trim();
    if reason.chars().count() < MIN_REASON_CHARS {
        return Err(TillError::invalid("reason", reason, InputProblem::Reason));
    }
    Ok(reason.to_owned())
}

/// Adds a person; `by` is the supervisor who did it (none only for the first supervisor).
pub(crate) fn add(
    connection: &mut Connection,
    name: &str,
    role: Role,
    pin: &str,
    by: Option<&Person>,
) -> Result<Person, TillError> {
    let name = check_name(name)?;
    check_pin(pin)?;
    let salt = SaltString::generate(&mut OsRng);
    let pin_hash = Argon2::default()
        .hash_password(pin.as_bytes(), &salt)
        .map_err(|error| TillError::Pin {
            detail: error.to_string(),
        })?
        .to_string();
    let failed = TillError::storage("save a person");
    let transaction = connection
        .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
        .map_err(TillError::storage("save a person"))?;
    let taken: Option<i64> = transaction
        .query_row("SELECT id FROM person WHERE name = ?1", [&name], |row| {
            row.get(0)
        })
        .optional()
        .map_err(TillError::storage("read the people"))?;
    if taken.is_some() {
        return Err(TillError::PersonExists { name });
    }
    transaction
        .execute(
            "INSERT INTO person (name, role, pin_hash, created_at, created_by) VALUES (?1, ?2, ?3, ?4, ?5)",
            rusqlite::params![
                name,
                role.as_str(),
                pin_hash,
                Timestamp::now().to_string(),
                by.map(|person| person.name.as_str())
            ],
        )
        .map_err(failed)?;
    let id = transaction.last_insert_rowid();
    let record = PersonRecord {
        event: "added",
        name: &name,
        role,
        active: true,
        by: by.map(|person| person.name.as_str()),
    };
    audit::seal_person(&transaction, id, &record)?;
    transaction
        .commit()
        .map_err(TillError::storage("save a person"))?;
    audit::anchor::record(connection);
    Ok(Person {
        id,
        name,
        role,
        active: true,
        locked_until: None,
    })
}

/// Turns a person off (or on again). The last active supervisor cannot be turned off: nobody could
/// approve an undo or add people after that.
pub(crate) fn set_active(
    connection: &mut Connection,
    name: &str,
    active: bool,
    by: &Person,
) -> Result<Person, TillError> {
    let transaction = connection
        .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
        .map_err(TillError::storage("save a person"))?;
    let person = find(&transaction, name)?.ok_or_else(|| TillError::PersonUnknown {
        name: name.trim().to_owned(),
    })?;
    if !active && person.is_supervisor() {
        let supervisors: i64 = transaction
            .query_row(
                "SELECT count(*) FROM person WHERE role = 'supervisor' AND active = 1 AND id != ?1",
                [person.id],
                |row| row.get(0),
            )
            .map_err(TillError::storage("read the people"))?;
        if supervisors == 0 {
            return Err(TillError::LastSupervisor { name: person.name });
        }
    }
    transaction
        .execute(
            "UPDATE person SET active = ?1, wrong_pins = 0, locked_until_ms = NULL WHERE id = ?2",
            rusqlite::params![i64::from(active), person.id],
        )
        .map_err(TillError::storage("save a person"))?;
    let record = PersonRecord {
        event: if active { "enabled" } else { "disabled" },
        name: &person.name,
        role: person.role,
        active,
        by: Some(&by.name),
    };
    audit::seal_person(&transaction, person.id, &record)?;
    transaction
        .commit()
        .map_err(TillError::storage("save a person"))?;
    audit::anchor::record(connection);
    Ok(Person { active, ..person })
}

fn find(connection: &Connection, name: &str) -> Result<Option<Person>, TillError> {
    connection
        .query_row(
            "SELECT id, name, role, active, locked_until_ms FROM person WHERE name = ?1",
            [name.trim()],
            read_person,
        )
        .optional()
        .map_err(TillError::storage("read the people"))
}

/// The stored hash of an active person who is not locked out, to check a PIN against.
pub(crate) fn pin_hash_of(
    connection: &Connection,
    name: &str,
) -> Result<(Person, String), TillError> {
    let unknown = || TillError::PersonUnknown {
        name: name.trim().to_owned(),
    };
    let person = find(connection, name)?.ok_or_else(unknown)?;
    if !person.active {
        return Err(unknown());
    }
    if let Some(until) = person.locked_until {
        return Err(TillError::PersonLocked {
            name: person.name,
            until,
        });
    }
    let hash: String = connection
        .query_row(
            "SELECT pin_hash FROM person WHERE id = ?1",
            [person.id],
            |row| row.get(0),
        )
        .map_err(TillError::storage("read the people"))?;
    Ok((person, hash))
}

/// Checks a PIN against its hash (slow on purpose: run it without holding the database).
pub(crate) fn pin_matches(pin: &str, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|parsed| {
        Argon2::default()
            .verify_password(pin.as_bytes(), &parsed)
            .is_ok()
    })
}

/// Records the outcome of a PIN check: a right PIN clears the count; the fifth wrong one in a row
/// locks the person for five minutes.
pub(crate) fn record_pin_outcome(
    connection: &mut Connection,
    person: Person,
    matched: bool,
) -> Result<Person, TillError> {
    let failed = || TillError::storage("save a person");
    if matched {
        connection
            .execute(
                "UPDATE person SET wrong_pins = 0 WHERE id = ?1",
                [person.id],
            )
            .map_err(failed())?;
        return Ok(person);
    }
    let transaction = connection
        .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
        .map_err(failed())?;
    let wrong: u32 = transaction
        .query_row(
            "UPDATE person SET wrong_pins = wrong_pins + 1 WHERE id = ?1 RETURNING wrong_pins",
            [person.id],
            |row| row.get(0),
        )
        .map_err(failed())?;
    let error = if wrong >= MAX_WRONG_PINS {
        let until = Timestamp::now() + jiff::SignedDuration::from_mins(LOCKOUT_MINUTES);
        transaction
            .execute(
                "UPDATE person SET wrong_pins = 0, locked_until_ms = ?1 WHERE id = ?2",
                rusqlite::params![until.as_millisecond(), person.id],
            )
            .map_err(failed())?;
        let record = PersonRecord {
            event: "locked_after_wrong_pins",
            name: &person.name,
            role: person.role,
            active: person.active,
            by: None,
        };
        audit::seal_person(&transaction, person.id, &record)?;
        TillError::PersonLocked {
            name: person.name,
            until,
        }
    } else {
        TillError::WrongPin {
            name: person.name,
            remaining: MAX_WRONG_PINS - wrong,
        }
    };
    transaction.commit().map_err(failed())?;
    if matches!(error, TillError::PersonLocked { .. }) {
        audit::anchor::record(connection);
    }
    Err(error)
}

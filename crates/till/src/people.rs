//! The people who use the till: cashiers and supervisors, each with a name and a PIN kept only as an
//! argon2id hash. Owns signing in (five wrong PINs lock that person for five minutes), the supervisor's
//! approval that undo-billing and risky settings need, and the list IT and supervisors manage.
//!
//! Every change to a person is sealed in the audit record (`audit`), never with the PIN or its hash.

mod pins;

use jiff::Timestamp;
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::audit;
use crate::error::{InputProblem, TillError};

pub(crate) use pins::verify_pin;

/// Wrong PINs in a row that lock a person.
pub const MAX_WRONG_PINS: u32 = 5;
/// How long a locked person waits.
pub const LOCKOUT_MINUTES: i64 = 5;
const PIN_DIGITS: std::ops::RangeInclusive<usize> = 4..=8;
const NAME_CHARS: std::ops::RangeInclusive<usize> = 2..=40;
/// A reason is a sentence, not a keystroke.
const MIN_REASON_CHARS: usize = 5;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
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
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
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
    let pin_hash = pins::hash(pin)?;
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
    audit::commit(transaction).map_err(TillError::storage("save a person"))?;
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
    audit::commit(transaction).map_err(TillError::storage("save a person"))?;
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

/// The person with this id as stored now (a session re-reads it: they may have been turned off
/// elsewhere).
pub(crate) fn by_id(connection: &Connection, id: i64) -> Result<Option<Person>, TillError> {
    connection
        .query_row(
            "SELECT id, name, role, active, locked_until_ms FROM person WHERE id = ?1",
            [id],
            read_person,
        )
        .optional()
        .map_err(TillError::storage("read the people"))
}

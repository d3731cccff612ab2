//! A PIN against its argon2id hash, and the count of wrong ones that locks a person out. Hashing and
//! checking are slow on purpose (a stolen database must not give PINs away quickly); callers run them
//! off the async runtime.

use argon2::Argon2;
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use jiff::Timestamp;
use rusqlite::{Connection, OptionalExtension};

use super::{LOCKOUT_MINUTES, MAX_WRONG_PINS, Person, PersonRecord, read_person};
use crate::audit;
use crate::error::TillError;

/// The argon2id hash kept for a new PIN (with its own random salt).
pub(super) fn hash(pin: &str) -> Result<String, TillError> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(pin.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|error| TillError::Pin {
            detail: error.to_string(),
        })
}

/// Checks `pin` for `name` and counts the outcome, in one write transaction taken before the hash is
/// read: argon2 is slow on purpose, and a check done outside the transaction would let PINs tried at
/// once (two windows, a script) each read "four tries left" and all be verified. Holding the write lock
/// queues them instead, so no more than five wrong PINs are ever checked before the lock. A right PIN
/// clears the count; the fifth wrong one in a row locks the person for five minutes (from `now`).
pub(crate) fn verify_pin(
    connection: &mut Connection,
    name: &str,
    pin: &str,
    now: Timestamp,
) -> Result<Person, TillError> {
    let failed = || TillError::storage("save a person");
    let unknown = || TillError::PersonUnknown {
        name: name.trim().to_owned(),
    };
    let transaction = connection
        .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
        .map_err(failed())?;
    let found = transaction
        .query_row(
            "SELECT id, name, role, active, locked_until_ms, pin_hash FROM person WHERE name = ?1",
            [name.trim()],
            |row| {
                Ok((
                    read_person(row)?,
                    row.get::<_, Option<i64>>(4)?,
                    row.get::<_, String>(5)?,
                ))
            },
        )
        .optional()
        .map_err(TillError::storage("read the people"))?;
    let (person, locked_until_ms, hash) = found.ok_or_else(unknown)?;
    if !person.active {
        return Err(unknown());
    }
    if let Some(until) = locked_until_ms.filter(|until| *until > now.as_millisecond()) {
        return Err(TillError::PersonLocked {
            name: person.name,
            until: Timestamp::from_millisecond(until).unwrap_or(now),
        });
    }
    if pin_matches(pin, &hash) {
        transaction
            .execute(
                "UPDATE person SET wrong_pins = 0, locked_until_ms = NULL WHERE id = ?1",
                [person.id],
            )
            .map_err(failed())?;
        // An expired lockout is lifted here: the person as stored changes, so the record says so.
        let lifted = locked_until_ms.is_some();
        if lifted {
            let record = PersonRecord {
                event: "lockout_ended",
                name: &person.name,
                role: person.role,
                active: person.active,
                by: None,
            };
            audit::seal_person(&transaction, person.id, &record)?;
        }
        audit::commit(transaction).map_err(failed())?;
        return Ok(Person {
            locked_until: None,
            ..person
        });
    }
    let wrong: u32 = transaction
        .query_row(
            "UPDATE person SET wrong_pins = wrong_pins + 1 WHERE id = ?1 RETURNING wrong_pins",
            [person.id],
            |row| row.get(0),
        )
        .map_err(failed())?;
    let error = if wrong >= MAX_WRONG_PINS {
        let until = now + jiff::SignedDuration::from_mins(LOCKOUT_MINUTES);
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
    audit::commit(transaction).map_err(failed())?;
    Err(error)
}

fn pin_matches(pin: &str, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|parsed| {
        Argon2::default()
            .verify_password(pin.as_bytes(), &parsed)
            .is_ok()
    })
}

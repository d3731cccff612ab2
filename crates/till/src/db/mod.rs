//! The till's SQLite file: opening it with the right pragmas, and its versioned schema.
//!
//! Migrations are numbered by `PRAGMA user_version` (rusqlite_migration) and each runs in one transaction;
//! a file written by a newer Caja is refused rather than guessed at. WAL keeps readers off the writer's
//! back; `synchronous=FULL` makes a committed journal row survive a power cut, which is the whole point
//! of writing it before the request leaves. Amounts are INTEGER céntimos, never REAL; instants are UTC
//! RFC 3339 text.

use std::path::Path;
use std::time::Duration;

use rusqlite::Connection;
use rusqlite_migration::{M, Migrations};

use crate::error::TillError;

mod aplazame_schema;
pub(crate) mod read;
mod voucher_schema;

/// The file name inside the data directory.
pub const DATABASE_FILE: &str = "caja.sqlite3";

/// Every schema step, oldest first. Append only: a released step is never edited.
fn steps() -> Vec<M<'static>> {
    vec![
        M::up(
            r#"
        CREATE TABLE journal (
            id                   INTEGER PRIMARY KEY,
            idempotency_key      TEXT    NOT NULL UNIQUE,
            mode                 TEXT    NOT NULL CHECK (mode IN ('sandbox', 'mock', 'live')),
            kind                 TEXT    NOT NULL CHECK (kind IN ('check', 'paid_and_billed', 'undo_billing')),
            customer_field       TEXT    NOT NULL CHECK (customer_field IN ('dni', 'ruc')),
            customer_number      TEXT    NOT NULL,
            funding_code         TEXT    NOT NULL,
            state                TEXT    NOT NULL CHECK (state IN ('pending', 'confirmed', 'rejected', 'unknown')),
            reason               TEXT,
            http_status          INTEGER,
            downpayment_centimos INTEGER CHECK (typeof(downpayment_centimos) IN ('integer', 'null')),
            created_at           TEXT    NOT NULL,
            finished_at          TEXT,
            lima_day             TEXT    NOT NULL
        ) STRICT;
        CREATE INDEX journal_by_day ON journal (mode, lima_day);
        CREATE INDEX journal_by_code ON journal (mode, funding_code);

        CREATE TABLE day_summary (
            mode                          TEXT    NOT NULL CHECK (mode IN ('sandbox', 'mock', 'live')),
            day                           TEXT    NOT NULL,
            total_purchases_centimos      INTEGER NOT NULL,
            total_paid_in_store_centimos  INTEGER NOT NULL,
            total_financed_centimos       INTEGER NOT NULL,
            fetched_at                    TEXT    NOT NULL,
            PRIMARY KEY (mode, day)
        ) STRICT;

        CREATE TABLE day_summary_order (
            mode             TEXT    NOT NULL,
            day              TEXT    NOT NULL,
            position         INTEGER NOT NULL,
            order_id         TEXT    NOT NULL,
            dni              TEXT    NOT NULL,
            payment_origin   TEXT    NOT NULL CHECK (payment_origin IN ('transfer', 'card', 'external')),
            amount_centimos  INTEGER NOT NULL,
            PRIMARY KEY (mode, day, position),
            FOREIGN KEY (mode, day) REFERENCES day_summary (mode, day) ON DELETE CASCADE
        ) STRICT;
        "#,
        ),
        // The outbox: how many times an open operation was tried, when to try it next, and until when the
        // process that sent it holds it (epoch milliseconds; integers compare correctly, texts would not).
        M::up(
            r#"
        ALTER TABLE journal ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE journal ADD COLUMN next_attempt_ms INTEGER;
        ALTER TABLE journal ADD COLUMN lease_until_ms INTEGER;
        CREATE INDEX journal_open ON journal (mode, funding_code) WHERE state IN ('pending', 'unknown');
        "#,
        ),
        // People and the tamper-evident record: who did each operation and who approved it, and the
        // hash chain over every change (see `audit`). Rows journaled before this step are sealed as they are.
        M::up_with_hook(
            r#"
        CREATE TABLE person (
            id               INTEGER PRIMARY KEY,
            name             TEXT    NOT NULL UNIQUE COLLATE NOCASE,
            role             TEXT    NOT NULL CHECK (role IN ('cashier', 'supervisor')),
            pin_hash         TEXT    NOT NULL,
            active           INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
            wrong_pins       INTEGER NOT NULL DEFAULT 0,
            locked_until_ms  INTEGER,
            created_at       TEXT    NOT NULL,
            created_by       TEXT
        ) STRICT;
        ALTER TABLE journal ADD COLUMN operator_name TEXT;
        ALTER TABLE journal ADD COLUMN approver_name TEXT;
        ALTER TABLE journal ADD COLUMN approval_reason TEXT;
        CREATE TABLE audit_log (
            seq         INTEGER PRIMARY KEY,
            at          TEXT    NOT NULL,
            subject     TEXT    NOT NULL CHECK (subject IN ('journal', 'person', 'settings')),
            subject_id  INTEGER NOT NULL,
            content     TEXT    NOT NULL,
            prev_hash   TEXT    NOT NULL,
            hash        TEXT    NOT NULL
        ) STRICT;
        "#,
            |transaction: &rusqlite::Transaction<'_>| crate::audit::seal_existing(transaction),
        ),
        // People are sealed whole from here on (role, active, PIN hash digest, lockout), and the chain's
        // head is anchored outside the database; the people already there are sealed as they are.
        M::up_with_hook("", |transaction: &rusqlite::Transaction<'_>| {
            crate::audit::seal_existing_people(transaction)
        }),
        // Shifts (turnos) and tenders: how each payment was paid and what it collected, which shift it
        // belongs to, the drawer's counts, cash in and out, and the Z reports, numbered per mode without
        // gaps. Rows journaled before this step have no tender (read back as unknown) and no shift. The
        // audit record learns the new subjects (a STRICT table's CHECK cannot be altered: rebuilt as is).
        M::up(
            r#"
        CREATE TABLE shift (
            id                      INTEGER PRIMARY KEY,
            mode                    TEXT    NOT NULL CHECK (mode IN ('sandbox', 'mock', 'live')),
            state                   TEXT    NOT NULL CHECK (state IN ('open', 'closed')),
            opened_at               TEXT    NOT NULL,
            opened_by               TEXT,
            lima_day                TEXT    NOT NULL,
            closed_at               TEXT,
            closed_by               TEXT,
            z_number                INTEGER
        ) STRICT;
        CREATE UNIQUE INDEX one_open_shift_per_mode ON shift (mode) WHERE state = 'open';

        CREATE TABLE cash_count (
            id                  INTEGER PRIMARY KEY,
            shift_id            INTEGER NOT NULL REFERENCES shift (id),
            purpose             TEXT    NOT NULL CHECK (purpose IN ('opening', 'closing')),
            pieces              TEXT    NOT NULL,
            cash_centimos       INTEGER NOT NULL,
            card_batch_centimos INTEGER,
            counted_at          TEXT    NOT NULL,
            counted_by          TEXT
        ) STRICT;

        CREATE TABLE cash_movement (
            id               INTEGER PRIMARY KEY,
            shift_id         INTEGER NOT NULL REFERENCES shift (id),
            direction        TEXT    NOT NULL CHECK (direction IN ('in', 'out')),
            amount_centimos  INTEGER NOT NULL CHECK (amount_centimos > 0),
            reason           TEXT    NOT NULL,
            at               TEXT    NOT NULL,
            operator_name    TEXT,
            approver_name    TEXT,
            approval_reason  TEXT
        ) STRICT;

        CREATE TABLE z_report (
            mode       TEXT    NOT NULL CHECK (mode IN ('sandbox', 'mock', 'live')),
            number     INTEGER NOT NULL CHECK (number > 0),
            shift_id   INTEGER NOT NULL UNIQUE REFERENCES shift (id),
            closed_at  TEXT    NOT NULL,
            snapshot   TEXT    NOT NULL,
            PRIMARY KEY (mode, number)
        ) STRICT;

        ALTER TABLE journal ADD COLUMN tender TEXT CHECK (tender IN ('cash', 'card', 'yape_plin', 'transfer'));
        ALTER TABLE journal ADD COLUMN received_centimos INTEGER;
        ALTER TABLE journal ADD COLUMN card_last4 TEXT;
        ALTER TABLE journal ADD COLUMN card_authorization TEXT;
        ALTER TABLE journal ADD COLUMN collect_centimos INTEGER;
        ALTER TABLE journal ADD COLUMN shift_id INTEGER REFERENCES shift (id);
        CREATE INDEX journal_by_shift ON journal (shift_id) WHERE shift_id IS NOT NULL;

        CREATE TABLE audit_log_with_shifts (
            seq         INTEGER PRIMARY KEY,
            at          TEXT    NOT NULL,
            subject     TEXT    NOT NULL CHECK (subject IN ('journal', 'person', 'settings', 'shift')),
            subject_id  INTEGER NOT NULL,
            content     TEXT    NOT NULL,
            prev_hash   TEXT    NOT NULL,
            hash        TEXT    NOT NULL
        ) STRICT;
        INSERT INTO audit_log_with_shifts SELECT seq, at, subject, subject_id, content, prev_hash, hash FROM audit_log;
        DROP TABLE audit_log;
        ALTER TABLE audit_log_with_shifts RENAME TO audit_log;
        "#,
        ),
        // Credit sales (aCuotaz orders): each order with the exact body its creation sends, and the
        // orders' own journal (create, confirm, cancel, refunds), whose refunds keep their one
        // X-Unique-Token as the idempotency key. The order ids' sequence, the cached funding limits, and
        // the audit record's two new subjects (rebuilt as in the step before).
        M::up(
            r#"
        CREATE TABLE credit_order (
            id               INTEGER PRIMARY KEY,
            mode             TEXT    NOT NULL CHECK (mode IN ('sandbox', 'mock', 'live')),
            order_id         TEXT    NOT NULL,
            amount_centimos  INTEGER NOT NULL CHECK (amount_centimos > 0),
            description      TEXT    NOT NULL,
            customer_dni     TEXT    NOT NULL,
            customer_name    TEXT    NOT NULL,
            customer_phone   TEXT    NOT NULL,
            send_sms         INTEGER NOT NULL CHECK (send_sms IN (0, 1)),
            expires_at       TEXT    NOT NULL,
            request_body     TEXT    NOT NULL,
            redirect_to      TEXT,
            status           TEXT    NOT NULL,
            confirmed        INTEGER NOT NULL DEFAULT 0 CHECK (confirmed IN (0, 1)),
            status_at        TEXT,
            polls            INTEGER NOT NULL DEFAULT 0,
            next_poll_ms     INTEGER,
            created_at       TEXT    NOT NULL,
            lima_day         TEXT    NOT NULL,
            operator_name    TEXT,
            shift_id         INTEGER REFERENCES shift (id),
            UNIQUE (mode, order_id)
        ) STRICT;
        CREATE INDEX credit_order_by_day ON credit_order (mode, lima_day);

        CREATE TABLE order_operation (
            id               INTEGER PRIMARY KEY,
            idempotency_key  TEXT    NOT NULL UNIQUE,
            mode             TEXT    NOT NULL CHECK (mode IN ('sandbox', 'mock', 'live')),
            order_row        INTEGER NOT NULL REFERENCES credit_order (id),
            kind             TEXT    NOT NULL CHECK (kind IN ('create', 'confirm', 'cancel', 'total_refund', 'partial_refund')),
            state            TEXT    NOT NULL CHECK (state IN ('pending', 'confirmed', 'rejected', 'unknown')),
            reason           TEXT,
            http_status      INTEGER,
            amount_centimos  INTEGER,
            refund_reason    TEXT,
            refund_method    TEXT,
            tracking_id      TEXT,
            answer_status    TEXT,
            operator_name    TEXT,
            approver_name    TEXT,
            approval_reason  TEXT,
            attempts         INTEGER NOT NULL DEFAULT 0,
            next_attempt_ms  INTEGER,
            lease_until_ms   INTEGER,
            created_at       TEXT    NOT NULL,
            finished_at      TEXT,
            lima_day         TEXT    NOT NULL
        ) STRICT;
        CREATE INDEX order_operation_open ON order_operation (mode, order_row) WHERE state IN ('pending', 'unknown');

        CREATE TABLE order_sequence (
            mode  TEXT    PRIMARY KEY CHECK (mode IN ('sandbox', 'mock', 'live')),
            last  INTEGER NOT NULL
        ) STRICT;

        CREATE TABLE landing_config_cache (
            mode        TEXT PRIMARY KEY CHECK (mode IN ('sandbox', 'mock', 'live')),
            config      TEXT NOT NULL,
            fetched_at  TEXT NOT NULL
        ) STRICT;

        CREATE TABLE audit_log_with_orders (
            seq         INTEGER PRIMARY KEY,
            at          TEXT    NOT NULL,
            subject     TEXT    NOT NULL CHECK (subject IN ('journal', 'person', 'settings', 'shift', 'credit_order', 'order_operation')),
            subject_id  INTEGER NOT NULL,
            content     TEXT    NOT NULL,
            prev_hash   TEXT    NOT NULL,
            hash        TEXT    NOT NULL
        ) STRICT;
        INSERT INTO audit_log_with_orders SELECT seq, at, subject, subject_id, content, prev_hash, hash FROM audit_log;
        DROP TABLE audit_log;
        ALTER TABLE audit_log_with_orders RENAME TO audit_log;
        "#,
        ),
        // Caja Central: where this till is enrolled (one row; its key is a secret and lives in the secret
        // store, never here), how far Central has acknowledged the audit chain and the relayed events,
        // and which Z reports it holds. None of it is sealed: it says what was sent, and Central checks
        // what arrived against the chain itself.
        M::up(
            r#"
        CREATE TABLE central_link (
            id                   INTEGER PRIMARY KEY CHECK (id = 1),
            base_url             TEXT    NOT NULL,
            plain_http_anywhere  INTEGER NOT NULL DEFAULT 0 CHECK (plain_http_anywhere IN (0, 1)),
            store                TEXT    NOT NULL,
            till                 TEXT    NOT NULL,
            store_name           TEXT    NOT NULL DEFAULT '',
            enrolled_at          TEXT    NOT NULL
        ) STRICT;

        CREATE TABLE central_cursor (
            id            INTEGER PRIMARY KEY CHECK (id = 1),
            pushed_seq    INTEGER NOT NULL DEFAULT 0,
            relay_after   INTEGER NOT NULL DEFAULT 0,
            last_push_at  TEXT,
            last_error    TEXT
        ) STRICT;

        CREATE TABLE central_z_sent (
            mode      TEXT    NOT NULL CHECK (mode IN ('sandbox', 'mock', 'live')),
            number    INTEGER NOT NULL,
            verified  INTEGER NOT NULL CHECK (verified IN (0, 1)),
            sent_at   TEXT    NOT NULL,
            PRIMARY KEY (mode, number)
        ) STRICT;
        "#,
        ),
        M::up(voucher_schema::VOUCHERS),
        M::up(voucher_schema::VOUCHER_SALES),
        M::up(aplazame_schema::APLAZAME),
        // The country whose money a shift's drawer is counted in (and whose day it belongs to):
        // every shift before countries existed was Peru's.
        M::up(
            "ALTER TABLE shift ADD COLUMN country TEXT NOT NULL DEFAULT 'PE' CHECK (country IN ('PE', 'ES'));",
        ),
    ]
}

/// The first schema version whose chain is anchored outside the database (see `audit::anchor`).
const ANCHORED_SINCE: i64 = 4;

fn migrations() -> Migrations<'static> {
    Migrations::new(steps())
}

/// Opens (creating if needed) the till's database in `data_dir` and brings its schema up to date.
pub fn open(data_dir: &Path) -> Result<Connection, TillError> {
    std::fs::create_dir_all(data_dir).map_err(|source| TillError::Io {
        path: data_dir.to_owned(),
        source,
    })?;
    let path = data_dir.join(DATABASE_FILE);
    let mut connection = Connection::open(&path)
        .map_err(TillError::storage("open the database"))
        .map_err(|error| error.in_file(&path))?;
    configure(&connection).map_err(|error| error.in_file(&path))?;
    let before = user_version(&connection).map_err(|error| error.in_file(&path))?;
    migrate(&mut connection).map_err(|error| error.in_file(&path))?;
    if before < ANCHORED_SINCE {
        // A new till, or one upgraded from before the anchor and the settings seal: its first anchor is
        // written here, and settings saved before the seal existed are trusted as they are, as the
        // rows journaled before the chain were.
        crate::audit::anchor::record(&connection);
        if data_dir.join(crate::settings_seal::SETTINGS_FILE).exists()
            && !data_dir.join(crate::settings_seal::SEAL_FILE).exists()
        {
            crate::settings_seal::seal(data_dir).map_err(|error| error.in_file(&path))?;
        }
    }
    Ok(connection)
}

fn configure(connection: &Connection) -> Result<(), TillError> {
    connection
        .busy_timeout(Duration::from_secs(5))
        .map_err(TillError::storage("set the busy timeout"))?;
    connection
        .pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get::<_, String>(0))
        .map_err(TillError::storage("enable WAL"))?;
    connection
        .execute_batch("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;")
        .map_err(TillError::storage("set durability"))
}

/// Brings the schema to the latest version; refuses a database written by a newer Caja.
pub fn migrate(connection: &mut Connection) -> Result<(), TillError> {
    let version = user_version(connection)?;
    let known = schema_version();
    if usize::try_from(version).map_or(true, |v| v > known) {
        return Err(TillError::NewerDatabase {
            found: version,
            known,
        });
    }
    migrations().to_latest(connection)?;
    Ok(())
}

fn user_version(connection: &Connection) -> Result<i64, TillError> {
    connection
        .pragma_query_value(None, "user_version", |row| row.get(0))
        .map_err(TillError::storage("read the schema version"))
}

/// The schema version this build writes.
pub fn schema_version() -> usize {
    steps().len()
}

#[cfg(test)]
mod tests;

//! The schema step of Aplazame's POS checkouts (Spain): the `aplazame_checkout` table, its own id
//! sequence per mode, and the audit record rebuilt to accept the subject `aplazame_checkout`, as the
//! vouchers' step did.
//!
//! One row per checkout Caja asked for: Caja's order id (`{store}-{till}-A{seq}`, Aplazame's `mid`),
//! what was asked (total in integer euro cents, currency, the customer), the exact create body
//! (journaled before it leaves), whether the answers must say `sandbox: true`, Caja's `state` of the
//! create (`sending` → `created` | `not_financed` | `refused` | `unknown`; `abandoned` when a supervisor
//! decides an unknown one never reached Aplazame), Aplazame's checkout id, the last `status` and
//! `status_reason` as Aplazame wrote them, the fields of an answer that did not match what was sent
//! (`mismatch`, never cleared), and the store's decision on a financing Aplazame accepted (`ok`/`ko`,
//! who, when, and when it was forwarded to Central, which answers Aplazame's IPN with it).

/// Appended to the till's schema steps; never edited once released.
pub(super) const APLAZAME: &str = r#"
        CREATE TABLE aplazame_checkout (
            id                     INTEGER PRIMARY KEY,
            mode                   TEXT    NOT NULL CHECK (mode IN ('sandbox', 'mock', 'live')),
            order_id               TEXT    NOT NULL,
            total_cents            INTEGER NOT NULL CHECK (typeof(total_cents) = 'integer' AND total_cents > 0),
            currency               TEXT    NOT NULL,
            customer_name          TEXT,
            customer_email         TEXT    NOT NULL,
            customer_phone         TEXT,
            customer_document      TEXT,
            request_body           TEXT    NOT NULL,
            expect_sandbox         INTEGER NOT NULL CHECK (expect_sandbox IN (0, 1)),
            state                  TEXT    NOT NULL CHECK (state IN ('sending', 'created', 'not_financed', 'refused', 'unknown', 'abandoned')),
            checkout_id            TEXT,
            status                 TEXT,
            status_reason          TEXT,
            status_at              TEXT,
            mismatch               TEXT,
            seen_mid               TEXT,
            seen_total_cents       INTEGER CHECK (typeof(seen_total_cents) IN ('integer', 'null')),
            seen_currency          TEXT,
            seen_sandbox           INTEGER CHECK (seen_sandbox IN (0, 1)),
            refusal                TEXT,
            http_status            INTEGER,
            decision               TEXT    CHECK (decision IN ('ok', 'ko')),
            decided_by             TEXT,
            decision_reason        TEXT,
            decided_at             TEXT,
            decision_forwarded_at  TEXT,
            created_at             TEXT    NOT NULL,
            finished_at            TEXT,
            operator_name          TEXT,
            resolved_by            TEXT,
            resolution_reason      TEXT,
            shift_id               INTEGER REFERENCES shift (id),
            polls                  INTEGER NOT NULL DEFAULT 0,
            next_poll_ms           INTEGER,
            UNIQUE (mode, order_id)
        ) STRICT;
        CREATE UNIQUE INDEX aplazame_checkout_by_id ON aplazame_checkout (mode, checkout_id) WHERE checkout_id IS NOT NULL;

        CREATE TABLE aplazame_sequence (
            mode  TEXT    PRIMARY KEY CHECK (mode IN ('sandbox', 'mock', 'live')),
            last  INTEGER NOT NULL
        ) STRICT;

        CREATE TABLE audit_log_with_aplazame (
            seq         INTEGER PRIMARY KEY,
            at          TEXT    NOT NULL,
            subject     TEXT    NOT NULL CHECK (subject IN ('journal', 'person', 'settings', 'shift', 'credit_order', 'order_operation', 'voucher', 'aplazame_checkout')),
            subject_id  INTEGER NOT NULL,
            content     TEXT    NOT NULL,
            prev_hash   TEXT    NOT NULL,
            hash        TEXT    NOT NULL
        ) STRICT;
        INSERT INTO audit_log_with_aplazame SELECT seq, at, subject, subject_id, content, prev_hash, hash FROM audit_log;
        DROP TABLE audit_log;
        ALTER TABLE audit_log_with_aplazame RENAME TO audit_log;
"#;

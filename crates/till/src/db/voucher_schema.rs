//! The schema steps of bank-transfer vouchers (aPagos), kept apart from the older steps so the list of
//! steps stays readable: the `voucher` table and the audit record's new subject ([`VOUCHERS`]), then
//! the down payment a voucher pays and how its billing went ([`VOUCHER_SALES`]).
//!
//! One row per voucher: Caja's id (`{store}-{till}-V{seq}`, its own sequence per mode), what the cashier
//! typed, the exact register body (journaled before it leaves), Caja's `state` of the register
//! (`sending` → `pending` | `refused` | `unknown`; `abandoned` when a supervisor decides an unknown one
//! never reached aPagos), aPagos' `request_id`, the last `status` aPagos gave (its text kept as-is), and
//! the values aPagos validated *beside* the typed ones (never over them). The audit record is rebuilt to
//! accept the subject `voucher`, as the orders' step did.

/// Appended to the till's schema steps; never edited once released.
pub(super) const VOUCHERS: &str = r#"
        CREATE TABLE voucher (
            id                          INTEGER PRIMARY KEY,
            mode                        TEXT    NOT NULL CHECK (mode IN ('sandbox', 'mock', 'live')),
            voucher_id                  TEXT    NOT NULL,
            amount_centimos             INTEGER NOT NULL CHECK (typeof(amount_centimos) = 'integer' AND amount_centimos > 0),
            transfer_date               TEXT    NOT NULL,
            operation_number            TEXT    NOT NULL,
            bank_account_id             TEXT    NOT NULL,
            customer_dni                TEXT    NOT NULL,
            customer_fullname           TEXT    NOT NULL,
            detail                      TEXT,
            receipt_url                 TEXT    NOT NULL,
            webhook_url                 TEXT    NOT NULL,
            request_body                TEXT    NOT NULL,
            state                       TEXT    NOT NULL CHECK (state IN ('sending', 'pending', 'refused', 'unknown', 'abandoned')),
            request_id                  TEXT,
            status                      TEXT,
            refusal                     TEXT,
            http_status                 INTEGER,
            validated_amount_centimos   INTEGER CHECK (typeof(validated_amount_centimos) IN ('integer', 'null')),
            validated_date              TEXT,
            validated_operation_number  TEXT,
            validated_bank_account_id   TEXT,
            bank_operation_number       TEXT,
            status_at                   TEXT,
            created_at                  TEXT    NOT NULL,
            finished_at                 TEXT,
            lima_day                    TEXT    NOT NULL,
            operator_name               TEXT,
            resolved_by                 TEXT,
            resolution_reason           TEXT,
            shift_id                    INTEGER REFERENCES shift (id),
            UNIQUE (mode, voucher_id)
        ) STRICT;
        CREATE INDEX voucher_by_day ON voucher (mode, lima_day);
        CREATE UNIQUE INDEX voucher_by_request ON voucher (mode, request_id) WHERE request_id IS NOT NULL;

        CREATE TABLE voucher_sequence (
            mode  TEXT    PRIMARY KEY CHECK (mode IN ('sandbox', 'mock', 'live')),
            last  INTEGER NOT NULL
        ) STRICT;

        CREATE TABLE audit_log_with_vouchers (
            seq         INTEGER PRIMARY KEY,
            at          TEXT    NOT NULL,
            subject     TEXT    NOT NULL CHECK (subject IN ('journal', 'person', 'settings', 'shift', 'credit_order', 'order_operation', 'voucher')),
            subject_id  INTEGER NOT NULL,
            content     TEXT    NOT NULL,
            prev_hash   TEXT    NOT NULL,
            hash        TEXT    NOT NULL
        ) STRICT;
        INSERT INTO audit_log_with_vouchers SELECT seq, at, subject, subject_id, content, prev_hash, hash FROM audit_log;
        DROP TABLE audit_log;
        ALTER TABLE audit_log_with_vouchers RENAME TO audit_log;
"#;

/// The down payment a voucher pays (customer, funding code, what the check said to collect), the
/// supervisor's decision when aPagos validated another amount, the billing Caja sends by itself once
/// the transfer is VALIDATED (`sending` while claimed, `billed` with its journal row, `failed` when
/// aCuotaz refused it), and the status reads' back-off. Appended; never edited once released.
pub(super) const VOUCHER_SALES: &str = r#"
        ALTER TABLE voucher ADD COLUMN sale_customer_field TEXT CHECK (sale_customer_field IN ('dni', 'ruc'));
        ALTER TABLE voucher ADD COLUMN sale_customer_number TEXT;
        ALTER TABLE voucher ADD COLUMN sale_funding_code TEXT;
        ALTER TABLE voucher ADD COLUMN sale_collect_centimos INTEGER CHECK (typeof(sale_collect_centimos) IN ('integer', 'null'));
        ALTER TABLE voucher ADD COLUMN amount_decision TEXT CHECK (amount_decision IN ('accepted', 'rejected'));
        ALTER TABLE voucher ADD COLUMN decided_by TEXT;
        ALTER TABLE voucher ADD COLUMN decision_reason TEXT;
        ALTER TABLE voucher ADD COLUMN billing TEXT CHECK (billing IN ('sending', 'billed', 'failed'));
        ALTER TABLE voucher ADD COLUMN billing_claimed_ms INTEGER;
        ALTER TABLE voucher ADD COLUMN billing_after_entry INTEGER;
        ALTER TABLE voucher ADD COLUMN billed_entry INTEGER REFERENCES journal (id);
        ALTER TABLE voucher ADD COLUMN billing_problem TEXT;
        ALTER TABLE voucher ADD COLUMN polls INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE voucher ADD COLUMN next_poll_ms INTEGER;
        CREATE INDEX voucher_by_sale ON voucher (mode, sale_funding_code) WHERE sale_funding_code IS NOT NULL;
        CREATE INDEX voucher_by_shift ON voucher (mode, shift_id) WHERE shift_id IS NOT NULL;
"#;

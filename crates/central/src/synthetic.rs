//! Tills that never existed, writing audit chains exactly as a real till writes them (the same entry
//! hash, the same row shapes as `till`'s sealed tables): what the demo data, the tests and the ingest
//! benchmark push through the real till API. A real till's chain reaches Central the same way.

use jiff::Timestamp;
use providers::central::wire::{AuditEntry, GENESIS_HASH, entry_hash};
use serde_json::json;

/// A till's chain in the making.
#[derive(Debug, Clone)]
pub struct SyntheticTill {
    pub store: String,
    pub till: String,
    pub mode: String,
    seq: i64,
    head: String,
    journal_id: i64,
    shift_id: i64,
    order_row: i64,
}

/// A payment to journal: what was collected and how it ended.
#[derive(Debug, Clone, Copy)]
pub struct Payment<'a> {
    pub collect_centimos: i64,
    /// `confirmed`, `unknown`, `rejected`, `pending`.
    pub state: &'a str,
    /// `cash`, `card`, `yape_plin`, `transfer`.
    pub tender: &'a str,
    pub operator: &'a str,
}

impl SyntheticTill {
    pub fn new(store: &str, till: &str, mode: &str) -> Self {
        SyntheticTill {
            store: store.to_owned(),
            till: till.to_owned(),
            mode: mode.to_owned(),
            seq: 0,
            head: GENESIS_HASH.to_owned(),
            journal_id: 0,
            shift_id: 0,
            order_row: 0,
        }
    }

    /// The last seq written.
    pub fn seq(&self) -> i64 {
        self.seq
    }

    fn append(
        &mut self,
        at: Timestamp,
        subject: &str,
        subject_id: i64,
        content: String,
    ) -> AuditEntry {
        self.seq += 1;
        let at = at.to_string();
        let hash = entry_hash(&self.head, self.seq, &at, subject, subject_id, &content);
        AuditEntry {
            seq: self.seq,
            at,
            subject: subject.to_owned(),
            subject_id,
            content,
            prev_hash: std::mem::replace(&mut self.head, hash.clone()),
            hash,
        }
    }

    /// A down payment journaled `pending` and then sealed in its final state, as the outbox does.
    pub fn payment(&mut self, at: Timestamp, payment: Payment<'_>) -> Vec<AuditEntry> {
        self.journal_id += 1;
        let id = self.journal_id;
        let key = format!("{}-{}-{id}", self.store, self.till);
        let mode = self.mode.clone();
        let shift_id = (self.shift_id > 0).then_some(self.shift_id);
        let row = |state: &str, finished: Option<String>| {
            json!({
                "id": id,
                "idempotency_key": key,
                "mode": mode,
                "kind": "paid_and_billed",
                "customer_field": "dni",
                "customer_number": "14159265",
                "funding_code": "1234567",
                "state": state,
                "reason": null,
                "http_status": if state == "confirmed" { Some(200) } else { None },
                "downpayment_centimos": payment.collect_centimos,
                "created_at": at.to_string(),
                "finished_at": finished,
                "operator_name": payment.operator,
                "approver_name": null,
                "approval_reason": null,
                "tender": payment.tender,
                "received_centimos": payment.collect_centimos,
                "card_last4": null,
                "card_authorization": null,
                "collect_centimos": payment.collect_centimos,
                "shift_id": shift_id,
            })
            .to_string()
        };
        let pending = row("pending", None);
        let mut entries = vec![self.append(at, "journal", id, pending)];
        if payment.state != "pending" {
            let later = at + jiff::SignedDuration::from_secs(2);
            let done = row(payment.state, Some(later.to_string()));
            entries.push(self.append(later, "journal", id, done));
        }
        entries
    }

    /// Opens a shift with its float.
    pub fn open_shift(&mut self, at: Timestamp, float_centimos: i64, by: &str) -> AuditEntry {
        self.shift_id += 1;
        let content = json!({
            "event": "opened", "mode": self.mode, "by": by, "float": float_centimos, "pieces": {}
        });
        self.append(at, "shift", self.shift_id, content.to_string())
    }

    /// Closes the open shift with Z `number`; gives the chain's entry and the Z snapshot's text (whose
    /// digest the entry seals). `difference_centimos` is counted minus expected cash.
    pub fn close_shift(
        &mut self,
        at: Timestamp,
        number: i64,
        difference_centimos: i64,
        by: &str,
    ) -> (AuditEntry, String) {
        let kind = if difference_centimos < 0 {
            "cash_short"
        } else {
            "cash_over"
        };
        let differences = if difference_centimos == 0 {
            json!([])
        } else {
            json!([{ "kind": kind, "amount": difference_centimos as f64 / 100.0 }])
        };
        let snapshot = json!({
            "number": number,
            "mode": self.mode,
            "shift": { "id": self.shift_id, "limaDay": at.in_tz("America/Lima").map(|z| z.date().to_string()).unwrap_or_default() },
            "reconciliation": { "differences": differences, "tolerance": 1.0, "needsApproval": difference_centimos.abs() > 100 },
        })
        .to_string();
        let digest = hex::encode(<sha2::Sha256 as sha2::Digest>::digest(snapshot.as_bytes()));
        let content =
            json!({ "event": "closed", "z_number": number, "by": by, "z_sha256": digest });
        (
            self.append(at, "shift", self.shift_id, content.to_string()),
            snapshot,
        )
    }

    /// A credit sale in a given status.
    pub fn credit_order(
        &mut self,
        at: Timestamp,
        amount_centimos: i64,
        status: &str,
    ) -> AuditEntry {
        self.order_row += 1;
        let lima_day = at
            .in_tz("America/Lima")
            .map(|z| z.date().to_string())
            .unwrap_or_default();
        let content = json!({
            "id": self.order_row,
            "mode": self.mode,
            "order_id": format!("{}-{}-{:06}", self.store, self.till, self.order_row),
            "amount_centimos": amount_centimos,
            "status": status,
            "lima_day": lima_day,
            "created_at": at.to_string(),
        });
        self.append(at, "credit_order", self.order_row, content.to_string())
    }
}

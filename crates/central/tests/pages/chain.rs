//! A till's audit chain as the till writes it: each entry hashed over the one before
//! (`providers::central::wire::entry_hash`), with contents shaped as Central's projection reads them.

use providers::central::wire::{AuditBatch, AuditEntry, GENESIS_HASH, entry_hash};
use sha2::{Digest, Sha256};

use crate::support::TestTill;

#[derive(Default)]
pub struct Chain {
    pub entries: Vec<AuditEntry>,
}

/// A journal row as the till seals it.
pub fn journal(
    id: i64,
    mode: &str,
    state: &str,
    centimos: i64,
    tender: &str,
    operator: &str,
) -> serde_json::Value {
    serde_json::json!({
        "id": id, "mode": mode, "kind": "paid_and_billed", "state": state, "reason": null,
        "collect_centimos": centimos, "tender": tender, "operator_name": operator,
        "created_at": jiff::Timestamp::now().to_string(),
    })
}

impl Chain {
    pub fn add(&mut self, subject: &str, subject_id: i64, content: serde_json::Value) {
        let prev_hash = self
            .entries
            .last()
            .map_or(GENESIS_HASH.to_owned(), |entry| entry.hash.clone());
        let seq = self.entries.len() as i64 + 1;
        let at = jiff::Timestamp::now().to_string();
        let content = content.to_string();
        let hash = entry_hash(&prev_hash, seq, &at, subject, subject_id, &content);
        self.entries.push(AuditEntry {
            seq,
            at,
            subject: subject.to_owned(),
            subject_id,
            content,
            prev_hash,
            hash,
        });
    }

    pub fn shift_opened(&mut self, shift: i64, by: &str) {
        self.add(
            "shift",
            shift,
            serde_json::json!({"event": "opened", "mode": "live", "by": by, "float": 10_000}),
        );
    }

    /// The closing seals the Z snapshot's SHA-256, as the till does.
    pub fn shift_closed(&mut self, shift: i64, by: &str, z_number: i64, snapshot: &str) {
        let z_sha256 = hex::encode(Sha256::digest(snapshot.as_bytes()));
        self.add(
            "shift",
            shift,
            serde_json::json!({"event": "closed", "mode": "live", "by": by, "z_number": z_number,
                "z_sha256": z_sha256}),
        );
    }

    pub async fn push(&self, till: &TestTill) {
        let body = serde_json::to_vec(&AuditBatch {
            entries: self.entries.clone(),
        })
        .unwrap();
        let answer = till.send("POST", &till.path("audit"), &body).await;
        assert_eq!(answer.status, 200, "{}", answer.body);
    }
}

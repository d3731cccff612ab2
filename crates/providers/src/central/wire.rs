//! The JSON of Caja Central's till API and the paths it lives under. Every answer that is not 2xx is an
//! [`ApiError`] (`{code, message}`); the codes are stable and listed on [`ApiError`].

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// Where the till API lives under Central's base URL.
pub const API_PREFIX: &str = "/api/v1";

/// The `prev_hash` of a chain's first entry.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Most entries one push may carry; Central refuses a bigger batch (`batch_too_large`).
pub const MAX_BATCH_ENTRIES: usize = 1000;

/// `POST /api/v1/enroll`: the one-time code a supervisor got from Central's admin page, the till's own
/// store and till codes (they must be the ones the code was made for), and the public half of the key the
/// till just made. The private half never leaves the till.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnrollRequest {
    pub code: String,
    pub store: String,
    pub till: String,
    /// Ed25519 public key, 32 bytes in standard base64.
    pub public_key: String,
    /// A free label for people (the machine's name).
    #[serde(default)]
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnrollAnswer {
    pub store: String,
    pub till: String,
    /// The name Central shows for the store.
    pub store_name: String,
}

/// One entry of a till's audit chain, exactly as the till stores it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub seq: i64,
    /// RFC 3339 UTC.
    pub at: String,
    /// `journal`, `person`, `settings`, `shift`, `credit_order`, `order_operation`, or a later one.
    pub subject: String,
    pub subject_id: i64,
    /// Canonical JSON of what the subject became.
    pub content: String,
    pub prev_hash: String,
    pub hash: String,
}

impl AuditEntry {
    /// The hash this entry must carry, from its own fields.
    pub fn computed_hash(&self) -> String {
        entry_hash(
            &self.prev_hash,
            self.seq,
            &self.at,
            &self.subject,
            self.subject_id,
            &self.content,
        )
    }
}

/// The audit chain's hash: SHA-256 over the previous hash and the entry's fields, each followed by a unit
/// separator (0x1f), as lowercase hex. The till writes it; Central checks it.
pub fn entry_hash(
    prev_hash: &str,
    seq: i64,
    at: &str,
    subject: &str,
    subject_id: i64,
    content: &str,
) -> String {
    let mut hasher = Sha256::new();
    for part in [
        prev_hash,
        &seq.to_string(),
        at,
        subject,
        &subject_id.to_string(),
        content,
    ] {
        hasher.update(part.as_bytes());
        hasher.update([0x1f]);
    }
    hex::encode(hasher.finalize())
}

/// `POST …/tills/{till}/audit`: consecutive or not, in any order; each entry is stored once by
/// (till, seq).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditBatch {
    pub entries: Vec<AuditEntry>,
}

/// Central's account of a push. `high_water` is the last seq up to which Central holds the chain without
/// a hole: the till sends from `high_water + 1` next time.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PushAnswer {
    pub received: usize,
    /// New entries stored by this push.
    pub stored: usize,
    /// Entries Central already held, byte for byte.
    pub duplicates: usize,
    pub high_water: i64,
    /// Holes between `high_water` and the highest seq Central holds.
    pub missing: Vec<SeqRange>,
    /// Seqs Central holds with another content: the till's record was rewritten after it was sent.
    /// Central keeps the first version and files a finding.
    pub rewritten: Vec<i64>,
    /// Seqs whose hash does not match their own fields, or whose `prev_hash` is not the hash of the
    /// entry before: the chain does not carry across.
    pub broken: Vec<i64>,
}

/// An inclusive range of missing seqs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeqRange {
    pub from: i64,
    pub to: i64,
}

/// `GET …/tills/{till}/status`: what Central holds of this till.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TillStatus {
    pub store: String,
    pub till: String,
    pub high_water: i64,
    pub missing: Vec<SeqRange>,
    /// Number of open findings (rewritten or broken entries).
    pub findings: usize,
    /// RFC 3339, when the till last pushed.
    pub last_push_at: Option<String>,
}

/// `PUT …/tills/{till}/z/{mode}/{number}` carries the Z report's snapshot (the till's JSON, as stored) as
/// the body; Central checks its SHA-256 against the `z_sha256` the chain sealed when the shift closed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ZAnswer {
    /// True once the chain's `closed` event for this Z has arrived and its digest matches.
    pub verified: bool,
}

/// `POST …/tills/{till}/receipts` (the file's bytes as the body) answers where the file is served.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReceiptAnswer {
    /// Public, unguessable, expiring: what goes to aPagos as `receipt`.
    pub url: String,
    /// RFC 3339.
    pub expires_at: String,
    /// `image/jpeg`, `image/png`, `image/webp` or `application/pdf`, read from the bytes.
    pub content_type: String,
    pub bytes: u64,
    pub sha256: String,
}

/// A provider's notification, stored by Central and relayed to the till that owns `reference`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RelayEvent {
    /// Increasing per Central; the till asks for events after the last one it handled.
    pub id: i64,
    /// `acuotaz`, `apagos` or `aplazame`.
    pub provider: String,
    /// The till's own id of the operation (order id, voucher id, checkout `mid`).
    pub reference: String,
    /// The provider's event or status (`funded`, `VALIDATED`, `ok`, …).
    pub event: String,
    /// RFC 3339.
    pub received_at: String,
    /// What Central verified (for aPagos and Aplazame, the re-read answer; for aCuotaz the notification).
    pub payload: serde_json::Value,
}

/// `GET …/tills/{till}/events?after={id}&wait={seconds}`: events after `after`, waiting up to `wait`
/// seconds (at most 30) for one to arrive. `next` is the `after` of the next call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RelayBatch {
    pub events: Vec<RelayEvent>,
    pub next: i64,
}

/// Every non-2xx answer of Central's till API. Codes: `unauthenticated`, `bad_signature`, `stale_request`,
/// `replayed_request`, `unknown_till`, `wrong_till`, `other_store`, `enrollment_code_invalid`,
/// `enrollment_code_used`, `enrollment_code_expired`, `enrollment_code_other_till`, `batch_too_large`,
/// `bad_request`, `not_found`, `gone`, `unsupported_file_type`, `file_too_large`, `unavailable`,
/// `already_answered`, `checkout_mismatch` (the Aplazame confirmation: `super::confirmation`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiError {
    pub code: String,
    pub message: String,
}

/// The till that owns a provider reference: Caja's own ids start with the store and till codes
/// (`T01-C1-000001` is store `T01`, till `C1`). `None` when the reference is not one of Caja's.
pub fn owner_of(reference: &str) -> Option<(&str, &str)> {
    let mut parts = reference.splitn(3, '-');
    let store = parts.next().filter(|part| is_code(part))?;
    let till = parts.next().filter(|part| is_code(part))?;
    parts.next().filter(|rest| !rest.is_empty())?;
    Some((store, till))
}

/// A store or till code: 1 to 16 ASCII letters, digits or underscores.
pub fn is_code(text: &str) -> bool {
    (1..=16).contains(&text.len())
        && text
            .bytes()
            .all(|byte| byte.is_ascii_alphanumeric() || byte == b'_')
}

/// The path of a till's resource under the API (`/api/v1/stores/T01/tills/C1/audit`).
pub fn till_path(store: &str, till: &str, rest: &str) -> String {
    format!("{API_PREFIX}/stores/{store}/tills/{till}/{rest}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_owner_of_a_reference_is_its_store_and_till() {
        assert_eq!(owner_of("T01-C1-000001"), Some(("T01", "C1")));
        assert_eq!(owner_of("T01-C1-V000001"), Some(("T01", "C1")));
        assert_eq!(owner_of("T01-C1-"), None);
        assert_eq!(owner_of("601e8d0d4e5f4000201a3a33"), None);
        assert_eq!(owner_of("T 1-C1-1"), None);
    }

    #[test]
    fn the_hash_covers_every_field() {
        let entry = AuditEntry {
            seq: 1,
            at: "2026-11-30T15:00:00Z".into(),
            subject: "journal".into(),
            subject_id: 7,
            content: "{}".into(),
            prev_hash: GENESIS_HASH.into(),
            hash: String::new(),
        };
        let hash = entry.computed_hash();
        assert_eq!(hash.len(), 64);
        let mut other = entry.clone();
        other.content = "{ }".into();
        assert_ne!(other.computed_hash(), hash);
    }
}

/// `POST …/tills/{till}/upload-links`: a one-time page where the customer uploads the receipt from their
/// own phone. The till makes the receipt's URL token itself and sends only its SHA-256, so neither
/// Central's database nor anyone but the till knows the URL the receipt will be served at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UploadLinkRequest {
    /// Hex SHA-256 of the receipt's URL token (43 characters of URL-safe base64 made by the till).
    pub receipt_token_sha256: String,
}

/// Where the customer's phone goes (shown as a QR code), and where the receipt will be served once sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UploadLinkAnswer {
    pub id: i64,
    /// The one-time page (`…/subir/{token}`), valid until `expires_at`.
    pub upload_url: String,
    /// RFC 3339.
    pub expires_at: String,
    /// The receipt's URL is this followed by the till's token (`…/recibos/`).
    pub receipt_url_base: String,
}

/// `GET …/tills/{till}/upload-links/{id}`: whether the phone sent the receipt yet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UploadLinkStatus {
    pub received: bool,
    /// True once the link can no longer be used (expired, or used).
    pub closed: bool,
    pub content_type: Option<String>,
    pub bytes: Option<u64>,
    /// RFC 3339: when the hosted receipt stops being served.
    pub receipt_expires_at: Option<String>,
}

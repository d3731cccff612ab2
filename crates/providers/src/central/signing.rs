//! How a till proves who it is to Central: each request is signed with the till's Ed25519 key over its
//! method, path and query, the till it speaks for, a timestamp, a one-time nonce and the SHA-256 of its
//! body. Central keeps only the public half (given at enrollment), refuses a timestamp more than
//! [`MAX_SKEW_SECONDS`] away from its clock, and refuses a nonce it has seen: a captured request cannot be
//! replayed, altered, or sent for another till.
//!
//! Headers: `X-Caja-Till: T01/C1`, `X-Caja-Timestamp: <unix seconds>`, `X-Caja-Nonce: <32 hex>`,
//! `Authorization: Caja-Ed25519 <base64 signature>`.

use std::fmt;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};
use rand_core::{OsRng, RngCore};
use sha2::{Digest, Sha256};

pub const TILL_HEADER: &str = "x-caja-till";
pub const TIMESTAMP_HEADER: &str = "x-caja-timestamp";
pub const NONCE_HEADER: &str = "x-caja-nonce";
/// The scheme of the `Authorization` header.
pub const SCHEME: &str = "Caja-Ed25519";
/// How far a request's timestamp may be from Central's clock.
pub const MAX_SKEW_SECONDS: i64 = 300;

/// A till as `store/till` codes.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TillRef {
    pub store: String,
    pub till: String,
}

impl TillRef {
    pub fn new(store: impl Into<String>, till: impl Into<String>) -> Self {
        TillRef {
            store: store.into(),
            till: till.into(),
        }
    }

    /// Reads the `X-Caja-Till` header's value.
    pub fn parse(header: &str) -> Option<Self> {
        let (store, till) = header.split_once('/')?;
        (super::wire::is_code(store) && super::wire::is_code(till))
            .then(|| TillRef::new(store, till))
    }
}

impl fmt::Display for TillRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.store, self.till)
    }
}

/// The till's private key. Never printed; its bytes leave only to the till's secret store.
pub struct TillSigningKey(SigningKey);

impl fmt::Debug for TillSigningKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("TillSigningKey(***)")
    }
}

/// The four headers of a signed request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedHeaders {
    pub till: String,
    pub timestamp: String,
    pub nonce: String,
    pub authorization: String,
}

impl SignedHeaders {
    pub fn pairs(&self) -> [(&'static str, &str); 4] {
        [
            (TILL_HEADER, &self.till),
            (TIMESTAMP_HEADER, &self.timestamp),
            (NONCE_HEADER, &self.nonce),
            ("authorization", &self.authorization),
        ]
    }
}

impl TillSigningKey {
    /// A new key from the operating system's randomness.
    pub fn generate() -> Self {
        let mut seed = [0u8; 32];
        OsRng.fill_bytes(&mut seed);
        TillSigningKey(SigningKey::from_bytes(&seed))
    }

    /// The key kept as standard base64 of its 32-byte seed.
    pub fn from_base64(text: &str) -> Option<Self> {
        let bytes = STANDARD.decode(text.trim()).ok()?;
        let seed: [u8; 32] = bytes.try_into().ok()?;
        Some(TillSigningKey(SigningKey::from_bytes(&seed)))
    }

    /// The seed as standard base64, for the secret store only.
    pub fn to_base64(&self) -> String {
        STANDARD.encode(self.0.to_bytes())
    }

    /// The public half, as enrollment sends it.
    pub fn public_key(&self) -> String {
        STANDARD.encode(self.0.verifying_key().to_bytes())
    }

    /// Signs one request now with a fresh nonce.
    pub fn sign(
        &self,
        till: &TillRef,
        method: &str,
        path_and_query: &str,
        body: &[u8],
    ) -> SignedHeaders {
        let timestamp = jiff::Timestamp::now().as_second();
        let mut nonce = [0u8; 16];
        OsRng.fill_bytes(&mut nonce);
        self.sign_at(
            till,
            method,
            path_and_query,
            body,
            timestamp,
            &hex::encode(nonce),
        )
    }

    /// Signs with a given timestamp and nonce (tests build stale and replayed requests with it).
    pub fn sign_at(
        &self,
        till: &TillRef,
        method: &str,
        path_and_query: &str,
        body: &[u8],
        timestamp: i64,
        nonce: &str,
    ) -> SignedHeaders {
        let text = string_to_sign(RequestParts {
            till,
            method,
            path_and_query,
            body,
            timestamp,
            nonce,
        });
        let signature = self.0.sign(text.as_bytes());
        SignedHeaders {
            till: till.to_string(),
            timestamp: timestamp.to_string(),
            nonce: nonce.to_owned(),
            authorization: format!("{SCHEME} {}", STANDARD.encode(signature.to_bytes())),
        }
    }
}

/// What goes wrong when Central checks a signature.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SignatureError {
    #[error("the public key is not 32 bytes of base64")]
    BadPublicKey,
    #[error("the Authorization header is not `{SCHEME} <base64>`")]
    BadHeader,
    #[error("the signature does not match the request")]
    Mismatch,
}

/// Reads an enrollment's public key.
pub fn parse_public_key(text: &str) -> Result<[u8; 32], SignatureError> {
    let bytes = STANDARD
        .decode(text.trim())
        .map_err(|_| SignatureError::BadPublicKey)?;
    let key: [u8; 32] = bytes.try_into().map_err(|_| SignatureError::BadPublicKey)?;
    VerifyingKey::from_bytes(&key).map_err(|_| SignatureError::BadPublicKey)?;
    Ok(key)
}

/// The parts of a request a signature covers, as Central received them.
#[derive(Debug, Clone, Copy)]
pub struct RequestParts<'a> {
    pub till: &'a TillRef,
    pub method: &'a str,
    pub path_and_query: &'a str,
    pub body: &'a [u8],
    pub timestamp: i64,
    pub nonce: &'a str,
}

/// Checks a request's signature against the till's public key. Timestamp and nonce freshness are the
/// server's to check: this proves only that the holder of the key signed exactly this request.
pub fn verify(
    public_key: &[u8; 32],
    authorization: &str,
    request: RequestParts<'_>,
) -> Result<(), SignatureError> {
    let key = VerifyingKey::from_bytes(public_key).map_err(|_| SignatureError::BadPublicKey)?;
    let encoded = authorization
        .strip_prefix(SCHEME)
        .and_then(|rest| rest.strip_prefix(' '))
        .ok_or(SignatureError::BadHeader)?;
    let bytes = STANDARD
        .decode(encoded.trim())
        .map_err(|_| SignatureError::BadHeader)?;
    let signature = Signature::from_slice(&bytes).map_err(|_| SignatureError::BadHeader)?;
    key.verify(string_to_sign(request).as_bytes(), &signature)
        .map_err(|_| SignatureError::Mismatch)
}

fn string_to_sign(request: RequestParts<'_>) -> String {
    format!(
        "caja-central-v1\n{}\n{}\n{}\n{}\n{}\n{}",
        request.method.to_ascii_uppercase(),
        request.path_and_query,
        request.till,
        request.timestamp,
        request.nonce,
        hex::encode(Sha256::digest(request.body))
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signature_holds_only_for_the_request_it_signed() {
        let key = TillSigningKey::generate();
        let public = parse_public_key(&key.public_key()).unwrap();
        let till = TillRef::new("T01", "C1");
        let signed = key.sign_at(&till, "POST", "/api/v1/x", b"{}", 1_000, "ab");
        let check = |till: &TillRef, path: &str, body: &[u8], at: i64, nonce: &str| {
            let request = RequestParts {
                till,
                method: "POST",
                path_and_query: path,
                body,
                timestamp: at,
                nonce,
            };
            verify(&public, &signed.authorization, request)
        };
        assert_eq!(check(&till, "/api/v1/x", b"{}", 1_000, "ab"), Ok(()));
        let mismatch = Err(SignatureError::Mismatch);
        assert_eq!(check(&till, "/api/v1/y", b"{}", 1_000, "ab"), mismatch);
        assert_eq!(check(&till, "/api/v1/x", b"{ }", 1_000, "ab"), mismatch);
        assert_eq!(check(&till, "/api/v1/x", b"{}", 1_001, "ab"), mismatch);
        assert_eq!(check(&till, "/api/v1/x", b"{}", 1_000, "ac"), mismatch);
        let other = TillRef::new("T01", "C2");
        assert_eq!(check(&other, "/api/v1/x", b"{}", 1_000, "ab"), mismatch);
        let restored = TillSigningKey::from_base64(&key.to_base64()).unwrap();
        assert_eq!(restored.public_key(), key.public_key());
        assert_eq!(format!("{key:?}"), "TillSigningKey(***)");
    }
}

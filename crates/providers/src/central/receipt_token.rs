//! The token in a hosted receipt's URL (`…/recibos/{token}`): 32 random bytes as URL-safe base64,
//! unguessable. Central keeps only its SHA-256 ([`token_sha256`]); a till that asks Central for a
//! phone upload link makes the token itself and sends only the hash, so the receipt's address is known
//! to the till and the customer's phone alone until it goes to aPagos.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand_core::{OsRng, RngCore};
use sha2::{Digest, Sha256};

/// A new token (43 characters).
pub fn new_receipt_token() -> String {
    let mut random = [0u8; 32];
    OsRng.fill_bytes(&mut random);
    URL_SAFE_NO_PAD.encode(random)
}

/// The hex SHA-256 of a token: what Central stores and looks receipts up by.
pub fn token_sha256(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_43_url_safe_characters_and_never_repeat() {
        let (one, two) = (new_receipt_token(), new_receipt_token());
        assert_eq!(one.len(), 43);
        assert!(
            one.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        );
        assert_ne!(one, two);
        assert_eq!(token_sha256(&one).len(), 64);
    }
}

//! A provider's secret token: never printed, compared in constant time when someone presents it.

use std::fmt;

/// A provider's bearer token. It never prints: `Debug` shows `ApiToken(***)` and there is no `Display`,
/// so a token cannot reach a log line, an error message or a report by accident.
#[derive(Clone, PartialEq, Eq)]
pub struct ApiToken(String);

impl ApiToken {
    pub fn new(token: impl Into<String>) -> Self {
        ApiToken(token.into().trim().to_owned())
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The raw secret, for the `Authorization` header only.
    pub(crate) fn expose(&self) -> &str {
        &self.0
    }

    /// Whether `presented` (a bearer a caller sent, such as aCuotaz's webhook `Apurata-Auth`) is this
    /// token, in constant time: the SHA-256 digests of both are compared with `subtle`, so neither the
    /// position of the first differing byte nor the token's length shows in the timing. An empty token
    /// matches nothing.
    pub fn matches(&self, presented: &str) -> bool {
        use sha2::{Digest, Sha256};
        use subtle::ConstantTimeEq;
        let expected = Sha256::digest(self.0.as_bytes());
        let presented = Sha256::digest(presented.trim().as_bytes());
        let same: bool = expected.as_slice().ct_eq(presented.as_slice()).into();
        same && !self.0.is_empty()
    }
}

impl fmt::Debug for ApiToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ApiToken(***)")
    }
}

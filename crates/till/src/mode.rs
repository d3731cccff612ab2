//! The three modes a till runs in, and which provider URLs each accepts.
//!
//! Everything the till stores carries its mode, and every query filters on it, so sandbox and mock data
//! never mix with live data. The URL rule itself is the provider client's ([`providers::target`]), so the
//! URL is judged by the parser that connects; a mode only says whether plain http may leave loopback.
//! A leaf: what a person may type for a mode, and the URLs it accepts, are judged in `mode_rules`.

use std::fmt;

use providers::PlainHttp;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// Caja's own simulator on loopback, with demo data. The default.
    Sandbox,
    /// The provider's own test endpoints (`mock/` paths, the documented test token).
    Mock,
    /// Production: real money.
    Live,
}

impl Mode {
    pub const ALL: [Mode; 3] = [Mode::Sandbox, Mode::Mock, Mode::Live];

    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Sandbox => "sandbox",
            Mode::Mock => "mock",
            Mode::Live => "live",
        }
    }

    pub fn is_live(self) -> bool {
        self == Mode::Live
    }

    /// The provider root used when none is configured (the sandbox has none: it is started on demand).
    pub fn default_api_url(self) -> Option<&'static str> {
        match self {
            Mode::Sandbox => None,
            Mode::Mock | Mode::Live => Some("https://apurata.com"),
        }
    }

    /// Where plain http may go: beyond loopback only where no real money moves.
    pub fn plain_http(self) -> PlainHttp {
        match self {
            Mode::Live => PlainHttp::LoopbackOnly,
            Mode::Sandbox | Mode::Mock => PlainHttp::Anywhere,
        }
    }
}

impl fmt::Display for Mode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

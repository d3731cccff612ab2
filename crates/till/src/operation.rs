//! What an operation is, apart from any row that records it: its kind (which provider call) and the
//! states its outcome moves through. A leaf: the error type and the journal both name these.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum OperationKind {
    /// `GET info`: read only.
    Check,
    /// `POST paid-and-billed`.
    PaidAndBilled,
    /// `POST undo-billing`.
    UndoBilling,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum OperationState {
    /// Written, request sent or about to be; no answer yet.
    Pending,
    /// The provider answered 200.
    Confirmed,
    /// The provider answered and refused; `reason` holds its message.
    Rejected,
    /// No usable answer (timeout, dropped connection, 5xx, unreadable body): the outcome is not known.
    Unknown,
}

impl OperationKind {
    pub fn changes_state(self) -> bool {
        self != OperationKind::Check
    }
}

macro_rules! text_enum {
    ($name:ident { $($variant:ident => $text:literal),+ $(,)? }) => {
        impl $name {
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $name {
            type Err = String;

            fn from_str(text: &str) -> Result<Self, Self::Err> {
                match text {
                    $($text => Ok($name::$variant),)+
                    other => Err(format!("unknown {} «{other}»", stringify!($name))),
                }
            }
        }
    };
}

text_enum!(OperationKind {
    Check => "check",
    PaidAndBilled => "paid_and_billed",
    UndoBilling => "undo_billing",
});

text_enum!(OperationState {
    Pending => "pending",
    Confirmed => "confirmed",
    Rejected => "rejected",
    Unknown => "unknown",
});

//! What an order request carries that a person typed or the till made up, as checked types: the
//! store's order id (it also sits in the URL path), the customer's name and mobile phone, the store's
//! client id, a refund's idempotency token and the order's expiry written the way the API wants it.
//!
//! Each type's only constructor checks it, so the client cannot be handed a value the provider would
//! refuse or a path segment that escapes `pos/order/`.

use std::fmt;

use jiff::Timestamp;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Longest order id accepted: the till's own are about 20 characters.
const ORDER_ID_MAX: usize = 64;
const NAME_MAX: usize = 120;

/// What is wrong with a value offered as one of these types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
pub enum OrderProblem {
    #[error("empty")]
    Missing,
    #[error("longer than {max} characters")]
    TooLong { max: usize },
    #[error("only letters, digits, '-', '_' and '.' are allowed")]
    OrderIdCharacters,
    #[error("a name has letters")]
    NameCharacters,
    #[error("a Peruvian mobile number has 9 digits and starts with 9")]
    Phone,
    #[error("a token is 8 to 64 letters, digits or '-'")]
    Token,
}

macro_rules! text_type {
    ($name:ident) => {
        impl $name {
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(&self.0)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = String::deserialize(deserializer)?;
                $name::parse(&text).map_err(serde::de::Error::custom)
            }
        }

        impl std::str::FromStr for $name {
            type Err = OrderProblem;

            fn from_str(text: &str) -> Result<Self, OrderProblem> {
                $name::parse(text)
            }
        }
    };
}

/// The store's id of an order: unique per store, readable at the till, safe in a URL path.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct OrderId(String);
text_type!(OrderId);

impl OrderId {
    pub fn parse(text: &str) -> Result<Self, OrderProblem> {
        let text = text.trim();
        if text.is_empty() {
            return Err(OrderProblem::Missing);
        }
        if text.chars().count() > ORDER_ID_MAX {
            return Err(OrderProblem::TooLong { max: ORDER_ID_MAX });
        }
        let allowed = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.');
        // "." and ".." alone would be path steps, not a segment.
        if !text.chars().all(allowed) || text.chars().all(|c| c == '.') {
            return Err(OrderProblem::OrderIdCharacters);
        }
        Ok(OrderId(text.to_owned()))
    }
}

/// The client id the provider gave the store (`pos_client_id`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PosClientId(String);
text_type!(PosClientId);

impl PosClientId {
    pub fn parse(text: &str) -> Result<Self, OrderProblem> {
        OrderId::parse(text).map(|id| PosClientId(id.0))
    }
}

/// The customer's full name as typed: letters required, spaces collapsed.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CustomerName(String);
text_type!(CustomerName);

impl CustomerName {
    pub fn parse(text: &str) -> Result<Self, OrderProblem> {
        let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if collapsed.is_empty() {
            return Err(OrderProblem::Missing);
        }
        if collapsed.chars().count() > NAME_MAX {
            return Err(OrderProblem::TooLong { max: NAME_MAX });
        }
        let fits = |c: char| c.is_alphabetic() || matches!(c, ' ' | '\'' | '-' | '.');
        if !collapsed.chars().all(fits) || !collapsed.chars().any(char::is_alphabetic) {
            return Err(OrderProblem::NameCharacters);
        }
        Ok(CustomerName(collapsed))
    }
}

/// A Peruvian mobile number, where the provider texts the application link: 9 digits starting with 9.
/// Spaces and dashes typed between groups and a leading `+51` are dropped.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct MobilePhone(String);
text_type!(MobilePhone);

impl MobilePhone {
    pub fn parse(text: &str) -> Result<Self, OrderProblem> {
        let compact: String = text
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .collect();
        if compact.is_empty() {
            return Err(OrderProblem::Missing);
        }
        let national = compact
            .strip_prefix("+51")
            .or_else(|| compact.strip_prefix("0051"))
            .unwrap_or(&compact);
        let ok = national.len() == 9
            && national.starts_with('9')
            && national.chars().all(|c| c.is_ascii_digit());
        if !ok {
            return Err(OrderProblem::Phone);
        }
        Ok(MobilePhone(national.to_owned()))
    }
}

/// A refund's `X-Unique-Token`: made once per refund and sent on every attempt of it.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct UniqueToken(String);
text_type!(UniqueToken);

impl fmt::Debug for UniqueToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "UniqueToken({})", self.0)
    }
}

impl UniqueToken {
    pub fn parse(text: &str) -> Result<Self, OrderProblem> {
        let ok = (8..=64).contains(&text.len())
            && text.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
        if !ok {
            return Err(OrderProblem::Token);
        }
        Ok(UniqueToken(text.to_owned()))
    }
}

/// An order's `expiration_ts`: `YYYY-MM-DD hh:mm:ss.mmm` in UTC, as the document requires.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct ExpirationTs(Timestamp);

impl ExpirationTs {
    pub fn at(instant: Timestamp) -> Self {
        ExpirationTs(instant)
    }

    pub fn timestamp(self) -> Timestamp {
        self.0
    }

    /// Reads the wire form back (UTC, milliseconds optional).
    pub fn parse(text: &str) -> Option<Self> {
        let civil: jiff::civil::DateTime = text.trim().replace(' ', "T").parse().ok()?;
        civil
            .to_zoned(jiff::tz::TimeZone::UTC)
            .ok()
            .map(|zoned| ExpirationTs(zoned.timestamp()))
    }
}

impl fmt::Display for ExpirationTs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let utc = self.0.to_zoned(jiff::tz::TimeZone::UTC);
        write!(
            f,
            "{}.{:03}",
            utc.strftime("%Y-%m-%d %H:%M:%S"),
            utc.subsec_nanosecond() / 1_000_000
        )
        .map(|()| ())
    }
}

impl Serialize for ExpirationTs {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expiration_is_written_in_utc_with_milliseconds() {
        let lima: jiff::Zoned = "2026-11-30T14:05:09.25-05:00[America/Lima]"
            .parse()
            .unwrap();
        let expiry = ExpirationTs::at(lima.timestamp());
        assert_eq!(expiry.to_string(), "2026-11-30 19:05:09.250");
        assert_eq!(ExpirationTs::parse("2026-11-30 19:05:09.250"), Some(expiry));
    }

    #[test]
    fn typed_values_are_checked() {
        assert_eq!(
            OrderId::parse("T01-C1-000042").unwrap().as_str(),
            "T01-C1-000042"
        );
        assert_eq!(OrderId::parse("../x"), Err(OrderProblem::OrderIdCharacters));
        assert_eq!(OrderId::parse(".."), Err(OrderProblem::OrderIdCharacters));
        assert_eq!(OrderId::parse(" "), Err(OrderProblem::Missing));
        assert_eq!(
            MobilePhone::parse("+51 987 654 321").unwrap().as_str(),
            "987654321"
        );
        assert_eq!(MobilePhone::parse("87654321"), Err(OrderProblem::Phone));
        assert_eq!(
            CustomerName::parse("  Ana   María  Quispe ")
                .unwrap()
                .as_str(),
            "Ana María Quispe"
        );
        assert_eq!(
            CustomerName::parse("12345"),
            Err(OrderProblem::NameCharacters)
        );
        assert!(UniqueToken::parse("16763be4-6022-406e-a950-fcd5018633ca").is_ok());
        assert_eq!(UniqueToken::parse("short"), Err(OrderProblem::Token));
    }
}

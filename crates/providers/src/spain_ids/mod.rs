//! Spain's identity numbers, as types whose only constructors check them: a Spaniard's [`DniEs`], a
//! foreign resident's [`Nie`], a legal entity's NIF ([`Cif`], its old name, still what a cashier says),
//! and [`SpanishId`], whichever of the three a customer hands over, told apart by its first character.
//!
//! They live beside [`crate::euros`] rather than under `aplazame`: they are Spain's documents, not a
//! provider's format, and anything that sells in Spain (an invoice's NIF, another lender) checks them
//! the same way; Aplazame is only the first to carry one.
//!
//! What is typed is read leniently and checked strictly: spaces, dashes and dots between the parts and
//! lower case are accepted (`12.345.678-z`, `x-1234567-l`, `b 1234567 4`), anything else is refused;
//! the value kept (and shown, and sent) is the bare upper-case form, `12345678Z`. Each refusal names what
//! is wrong: the length, a letter where digits go, or the control character with the one expected. The
//! rules are in [`control`]. The NIFs of people without a DNI or NIE (K, L, M) are refused by name: a
//! store sells on credit to a person it can identify with one of those two.

pub mod control;

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use control::{ENTITY_TYPES, EntityControl};

/// Every one of these numbers is nine characters long.
pub const LENGTH: usize = 9;

/// Which document a number is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IdKind {
    Dni,
    Nie,
    Cif,
}

impl fmt::Display for IdKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            IdKind::Dni => "DNI",
            IdKind::Nie => "NIE",
            IdKind::Cif => "CIF",
        })
    }
}

/// What is wrong with a typed identity number. `Display` is a log line in English; the till words it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
pub enum SpanishIdError {
    #[error("no number was typed")]
    Empty,
    #[error("«{0}» has no place in a DNI, NIE or CIF")]
    UnexpectedCharacter(char),
    #[error("no DNI, NIE or CIF starts with {0}")]
    UnknownFirstLetter(char),
    #[error("{0}: the NIF of a person without DNI or NIE is not accepted; ask for the DNI or NIE")]
    PersonalNif(char),
    #[error("a {kind} has 9 characters, {typed} were typed")]
    Length { kind: IdKind, typed: usize },
    #[error("a {kind} has digits where a letter was typed")]
    NotDigits { kind: IdKind },
    #[error("the {kind} lacks its control character: {expected}{}", or(.alternative))]
    MissingControl {
        kind: IdKind,
        expected: char,
        alternative: Option<char>,
    },
    #[error("a {kind} ends in a letter, not {found}")]
    ControlNotALetter { kind: IdKind, found: char },
    #[error("the {kind}'s control character is {expected}{}, not {found}", or(.alternative))]
    WrongControl {
        kind: IdKind,
        found: char,
        expected: char,
        alternative: Option<char>,
    },
    #[error("this is a {found}, not a {expected}")]
    OtherKind { expected: IdKind, found: IdKind },
}

fn or(alternative: &Option<char>) -> String {
    alternative.map_or_else(String::new, |letter| format!(" (or {letter})"))
}

/// A Spanish national identity number: 8 digits and their control letter, `12345678Z`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DniEs(String);

/// A foreigner's identity number: X, Y or Z, 7 digits and the control letter, `X1234567L`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Nie(String);

/// A legal entity's tax number (NIF, formerly CIF): its type letter, 7 digits and a control digit or
/// letter as the type requires, `B12345674`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Cif(String);

/// Whichever identity number the customer handed over.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SpanishId {
    Dni(DniEs),
    Nie(Nie),
    Cif(Cif),
}

impl SpanishId {
    /// Reads what was typed (see the module doc) into the document its first character names.
    pub fn parse(text: &str) -> Result<SpanishId, SpanishIdError> {
        let id = normalized(text)?;
        Ok(match kind_of(&id)? {
            IdKind::Dni => SpanishId::Dni(DniEs(check_dni(id)?)),
            IdKind::Nie => SpanishId::Nie(Nie(check_nie(id)?)),
            IdKind::Cif => SpanishId::Cif(Cif(check_cif(id)?)),
        })
    }

    pub fn kind(&self) -> IdKind {
        match self {
            SpanishId::Dni(_) => IdKind::Dni,
            SpanishId::Nie(_) => IdKind::Nie,
            SpanishId::Cif(_) => IdKind::Cif,
        }
    }

    /// The bare upper-case number, `12345678Z`.
    pub fn as_str(&self) -> &str {
        match self {
            SpanishId::Dni(DniEs(text)) | SpanishId::Nie(Nie(text)) | SpanishId::Cif(Cif(text)) => {
                text
            }
        }
    }
}

/// The three documents' own parsers: the same reading, and a number of another kind is
/// [`SpanishIdError::OtherKind`].
macro_rules! one_kind {
    ($type:ident, $kind:ident) => {
        impl $type {
            pub fn parse(text: &str) -> Result<$type, SpanishIdError> {
                let id = normalized(text)?;
                let found = kind_of(&id)?;
                if found != IdKind::$kind {
                    return Err(SpanishIdError::OtherKind {
                        expected: IdKind::$kind,
                        found,
                    });
                }
                match SpanishId::parse(&id)? {
                    SpanishId::$kind(value) => Ok(value),
                    other => Err(SpanishIdError::OtherKind {
                        expected: IdKind::$kind,
                        found: other.kind(),
                    }),
                }
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $type {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl FromStr for $type {
            type Err = SpanishIdError;

            fn from_str(text: &str) -> Result<Self, Self::Err> {
                $type::parse(text)
            }
        }

        impl From<$type> for SpanishId {
            fn from(value: $type) -> SpanishId {
                SpanishId::$kind(value)
            }
        }
    };
}

one_kind!(DniEs, Dni);
one_kind!(Nie, Nie);
one_kind!(Cif, Cif);

impl fmt::Display for SpanishId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for SpanishId {
    type Err = SpanishIdError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        SpanishId::parse(text)
    }
}

impl Serialize for SpanishId {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for SpanishId {
    /// Through the same check as what is typed.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        SpanishId::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// Upper case, without the spaces, dashes and dots people type between the parts.
fn normalized(text: &str) -> Result<String, SpanishIdError> {
    let mut id = String::with_capacity(LENGTH);
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            id.push(c.to_ascii_uppercase());
        } else if !(c.is_whitespace() || c == '-' || c == '.') {
            return Err(SpanishIdError::UnexpectedCharacter(c));
        }
    }
    if id.is_empty() {
        return Err(SpanishIdError::Empty);
    }
    Ok(id)
}

/// The document a normalized number's first character names.
fn kind_of(id: &str) -> Result<IdKind, SpanishIdError> {
    match id.chars().next() {
        None => Err(SpanishIdError::Empty),
        Some('0'..='9') => Ok(IdKind::Dni),
        Some('X' | 'Y' | 'Z') => Ok(IdKind::Nie),
        Some(letter @ ('K' | 'L' | 'M')) => Err(SpanishIdError::PersonalNif(letter)),
        Some(letter) if ENTITY_TYPES.contains(letter) => Ok(IdKind::Cif),
        Some(other) => Err(SpanishIdError::UnknownFirstLetter(other)),
    }
}

/// The digits of `text`, or `None` if any character is not one.
fn digits_of(text: &str) -> Option<Vec<u8>> {
    text.bytes()
        .map(|byte| byte.is_ascii_digit().then(|| byte - b'0'))
        .collect()
}

fn number(digits: &[u8]) -> u32 {
    digits
        .iter()
        .fold(0, |number, digit| number * 10 + u32::from(*digit))
}

/// The digits after the first `lead` characters (`wanted` of them) and the control character, if one
/// was typed: a number whose control alone is missing is told apart from one of the wrong length.
fn split(
    id: &str,
    kind: IdKind,
    lead: usize,
    wanted: usize,
) -> Result<(Vec<u8>, Option<char>), SpanishIdError> {
    let body = &id[lead..];
    if body.len() == wanted
        && let Some(digits) = digits_of(body)
    {
        return Ok((digits, None));
    }
    if id.len() != LENGTH {
        return Err(SpanishIdError::Length {
            kind,
            typed: id.len(),
        });
    }
    let digits = digits_of(&body[..wanted]).ok_or(SpanishIdError::NotDigits { kind })?;
    Ok((digits, body[wanted..].chars().next()))
}

/// The letter-controlled numbers (DNI, NIE): the letter over `lead` (the NIE prefix's digit) followed
/// by the digits.
fn check_personal(
    id: String,
    kind: IdKind,
    prefix: usize,
    lead: u32,
) -> Result<String, SpanishIdError> {
    let (digits, control) = split(&id, kind, prefix, LENGTH - 1 - prefix)?;
    let expected = control::personal_letter(lead * 10_000_000 + number(&digits));
    match control {
        None => Err(SpanishIdError::MissingControl {
            kind,
            expected,
            alternative: None,
        }),
        Some(found) if !found.is_ascii_alphabetic() => {
            Err(SpanishIdError::ControlNotALetter { kind, found })
        }
        Some(found) if found != expected => Err(SpanishIdError::WrongControl {
            kind,
            found,
            expected,
            alternative: None,
        }),
        Some(_) => Ok(id),
    }
}

fn check_dni(id: String) -> Result<String, SpanishIdError> {
    check_personal(id, IdKind::Dni, 0, 0)
}

fn check_nie(id: String) -> Result<String, SpanishIdError> {
    let lead = id
        .chars()
        .next()
        .and_then(control::nie_prefix_digit)
        .unwrap_or_default();
    check_personal(id, IdKind::Nie, 1, lead)
}

fn check_cif(id: String) -> Result<String, SpanishIdError> {
    let kind = IdKind::Cif;
    let (digits, control) = split(&id, kind, 1, 7)?;
    let digits: [u8; 7] = digits
        .try_into()
        .map_err(|_| SpanishIdError::NotDigits { kind })?;
    let entity_type = id.chars().next().unwrap_or_default();
    let digit = control::entity_digit(&digits);
    let (as_digit, as_letter) = (char::from(b'0' + digit), control::entity_letter(digit));
    let (expected, alternative) = match control::entity_control(entity_type, &digits) {
        EntityControl::Digit => (as_digit, None),
        EntityControl::Letter => (as_letter, None),
        EntityControl::Either => (as_digit, Some(as_letter)),
    };
    match control {
        None => Err(SpanishIdError::MissingControl {
            kind,
            expected,
            alternative,
        }),
        Some(found) if found == expected || Some(found) == alternative => Ok(id),
        Some(found) => Err(SpanishIdError::WrongControl {
            kind,
            found,
            expected,
            alternative,
        }),
    }
}

#[cfg(test)]
mod tests;

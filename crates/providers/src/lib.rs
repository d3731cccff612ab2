//! Typed HTTP clients and wire types for the providers Caja talks to, one module per provider API.
//!
//! This crate knows HTTP and JSON and nothing of storage or screens: it turns a documented request into
//! bytes on the wire and the provider's answer (or silence) into a typed value or a typed error. The wire
//! types are shared with the `sandbox` crate, and the tests pin them to the literal JSON of the provider
//! documents so that client and simulator cannot drift together.

pub mod apagos;
pub mod aplazame;
pub mod apurata;
pub mod central;
pub mod euros;
mod exchange;
pub mod http;
pub mod money;
mod plain_errors;
pub mod spain_ids;
pub mod target;
pub mod token;

pub use euros::Euros;
pub use http::{ApiToken, HttpSettings};
pub use money::Soles;
pub use spain_ids::SpanishId;
pub use target::{PlainHttp, ProviderRoot};

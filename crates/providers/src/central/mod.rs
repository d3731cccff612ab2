//! Caja Central as a till sees it: the wire types of its API ([`wire`]), the signature every request of a
//! till carries ([`signing`]), the rules both sides share (the audit chain's hash, which till owns a
//! provider reference), and the store's confirmation of an Aplazame checkout ([`confirmation`]: its
//! wire types and the till's calls). Central's server (`crates/central`) uses the same types, so the
//! two ends of the wire cannot drift apart.

pub mod client;
pub mod confirmation;
pub mod receipt_token;
pub mod signing;
pub mod wire;

pub use client::{CentralClient, CentralError};
pub use signing::{RequestParts, SignatureError, SignedHeaders, TillRef, TillSigningKey};

//! Apurata's APIs, one module each, as in `providers::apurata`.

pub mod downpayment;

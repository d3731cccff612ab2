//! Apurata's APIs, one module each, as in `providers::apurata`: the in-store down payment API v2
//! (`downpayment`) and the aCuotaz orders API (`orders`), whose in-store down payments become
//! financings of the first.

pub mod downpayment;
pub mod orders;

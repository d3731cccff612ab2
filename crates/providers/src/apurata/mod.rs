//! Apurata's APIs (aCuotaz). Only the in-store down payment API (v2) is implemented so far; orders and
//! aPagos vouchers will be sibling modules.

pub mod downpayment;

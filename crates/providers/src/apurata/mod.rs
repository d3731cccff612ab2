//! Apurata's APIs (aCuotaz): the in-store down payment API (v2) and the orders API; aPagos vouchers
//! will be a sibling module.

pub mod downpayment;
pub mod orders;

//! Apurata's APIs (aCuotaz): the in-store down payment API (v2) and the orders API. aPagos vouchers,
//! Apurata's too but a separate API, are [`crate::apagos`].

pub mod downpayment;
pub mod orders;

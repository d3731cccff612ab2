//! The aCuotaz in-store down payment API v2 as the sandbox serves it: its four endpoints and their
//! documented answers, the field rules, the financings and their rules, the demo seed, and the state
//! file that keeps them between runs.

pub mod demo;
pub mod financing;
pub(crate) mod persist;
pub(crate) mod routes;
pub mod state;
pub(crate) mod validate;

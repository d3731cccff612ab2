//! Who may ask Central what. A till proves itself on every request with the signature of the key it
//! made at enrollment ([`till`]); enrollment itself takes a one-time code a supervisor got from the admin
//! page ([`enroll`]). People sign in to the web pages with a password (`web::session`). Nothing else is
//! answered to an unauthenticated caller, except the provider webhooks, which check what each provider
//! offers.

pub mod enroll;
pub mod till;

pub use till::SignedTill;

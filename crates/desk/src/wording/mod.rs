//! The cashier's words that the desk says. For now those of the printed day summary (`report`), in
//! the till's language ([`Lang`], the one type the whole app picks a language with).

pub mod report;

pub use till::Lang;

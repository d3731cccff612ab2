//! When the simulated Aplazame will not finance an order: the document's `403` with an empty body.
//! Deterministic, so a test picks the outcome by what it sends:
//!
//! - `order.total_amount` above [`FINANCING_LIMIT`] (3.000,00 €);
//! - a `customer.email` starting with `ko` (any case): `ko@example.es`, `KO.lucia@example.es`.

/// The largest amount financed, in cents: 3.000,00 €.
pub const FINANCING_LIMIT: i64 = 300_000;

/// Whether Aplazame declines to finance this order.
pub(crate) fn declines(total_amount: i64, email: &str) -> bool {
    total_amount > FINANCING_LIMIT
        || email
            .trim()
            .get(..2)
            .is_some_and(|start| start.eq_ignore_ascii_case("ko"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declines_above_the_limit_or_for_a_ko_email() {
        assert!(!declines(300_000, "lucia@example.es"));
        assert!(declines(300_001, "lucia@example.es"));
        assert!(declines(1000, "ko@example.es"));
        assert!(declines(1000, " KO.lucia@example.es"));
        assert!(!declines(1000, "kiosko@example.es"));
        assert!(!declines(1000, "k"));
    }
}

//! The one rounding rule between a shelf price with IVA and Aplazame's net figures, and its inverse:
//! which shelf totals a set of wire articles can come from.
//!
//! Net of IVA, to the cent, **half up**: `net = round(gross × 10000 / (10000 + tax_rate))`, an exact
//! half going to the larger cent (the euro's own rule for rounding to the cent, and the rule `Soles`
//! keeps in Peru). Every figure is integer arithmetic on cents (in `i128`, so no product overflows).
//!
//! The inverse: a net unit `price` came from any shelf price `P` with
//! `(2·price − 1)(10000 + r) ≤ 20000·P < (2·price + 1)(10000 + r)`, one or two cents wide; a net unit
//! `discount` on `q` units from any line discount `D` with the same bounds times `q`. So an article
//! pays between `P_min·q − D_max` and `P_max·q − D_min`, and an order's shelf total lies between the
//! sums of those ends: [`shelf_total_range`], what the simulator checks a `total_amount` against.

use super::super::wire::request::Article;
use crate::euros::Euros;

/// Basis points in one: a `tax_rate` of 2100 is 21 %.
const ONE: i128 = 10_000;

/// `gross` without a tax of `rate` basis points, over `per` units, to the cent, half up. `gross` is
/// never negative where Caja calls it.
pub fn net_of(gross: Euros, rate: u32, per: u32) -> Euros {
    let denominator = (ONE + i128::from(rate)) * i128::from(per.max(1));
    let numerator = 2 * i128::from(gross.cents()) * ONE + denominator;
    let cents = numerator.div_euclid(2 * denominator);
    Euros::from_cents(i64::try_from(cents).unwrap_or(i64::MAX))
}

/// The smallest integer not below `a / b` (`b > 0`).
fn ceil_div(a: i128, b: i128) -> i128 {
    -((-a).div_euclid(b))
}

/// The gross amounts (in cents, `scale` units of them) whose net per unit rounds to `net`.
fn gross_window(net: i64, rate: u32, scale: u32) -> (i128, i128) {
    let gross_one = (ONE + i128::from(rate)) * i128::from(scale);
    let net = i128::from(net);
    let low = ceil_div((2 * net - 1) * gross_one, 2 * ONE).max(0);
    let high = ceil_div((2 * net + 1) * gross_one, 2 * ONE) - 1;
    (low, high)
}

/// The lowest and highest shelf total (IVA included, discounts off) an order with these articles can
/// have under the rule, or `None` when no shelf cart gives them (a quantity of 0, a negative price, a
/// discount above the price) or the sums leave Caja's range.
pub fn shelf_total_range(articles: &[Article]) -> Option<(Euros, Euros)> {
    let (mut low, mut high) = (0i128, 0i128);
    for article in articles {
        let quantity = i128::from(article.quantity);
        if quantity == 0 || article.price.is_negative() {
            return None;
        }
        let (price_low, price_high) = gross_window(article.price.cents(), article.tax_rate, 1);
        let (discount_low, discount_high) = match article.discount {
            None => (0, 0),
            Some(discount) if discount.is_negative() => return None,
            Some(discount) => gross_window(discount.cents(), article.tax_rate, article.quantity),
        };
        let line_high = price_high * quantity - discount_low;
        if line_high < 0 {
            return None;
        }
        low += (price_low * quantity - discount_high).max(0);
        high += line_high;
    }
    let cents = |value: i128| i64::try_from(value).ok().map(Euros::from_cents);
    Some((cents(low)?, cents(high)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn euros(cents: i64) -> Euros {
        Euros::from_cents(cents)
    }

    #[test]
    fn net_prices_round_half_up_to_the_cent() {
        assert_eq!(net_of(euros(1000), 2100, 1), euros(826)); // 826,446…
        assert_eq!(net_of(euros(1999), 2100, 1), euros(1652)); // 1652,066…
        assert_eq!(net_of(euros(450), 1000, 1), euros(409)); // 409,09…
        assert_eq!(net_of(euros(125), 400, 1), euros(120)); // 120,19…
        assert_eq!(net_of(euros(300), 0, 1), euros(300));
        // 13 / 1,04 = 12,5 exactly: half up gives 13 (half even would give 12).
        assert_eq!(net_of(euros(13), 400, 1), euros(13));
        // A discount of 10,00 € over 2 units at 21 %: 413,22… per unit.
        assert_eq!(net_of(euros(1000), 2100, 2), euros(413));
        assert_eq!(net_of(Euros::ZERO, 2100, 1), Euros::ZERO);
    }

    #[test]
    fn the_window_holds_exactly_the_shelf_prices_that_round_to_a_net() {
        for rate in [0, 400, 1000, 2100] {
            for gross in 0..3_000 {
                let net = net_of(euros(gross), rate, 1).cents();
                let (low, high) = gross_window(net, rate, 1);
                assert!((low..=high).contains(&i128::from(gross)), "{gross} {rate}");
                for outside in [low - 1, high + 1] {
                    if outside >= 0 {
                        let back = net_of(euros(outside as i64), rate, 1).cents();
                        assert_ne!(back, net, "{outside} at {rate} also rounds to {net}");
                    }
                }
            }
        }
    }

    #[test]
    fn ten_euros_at_21_percent_has_no_exact_net() {
        // Why the total is computed from the shelf and never from the net: no net in cents gives
        // 10,00 € back.
        assert_eq!(gross_window(826, 2100, 1), (999, 1000));
        assert_eq!(gross_window(827, 2100, 1), (1001, 1001));
        let back = |net: i64| (net * 12_100 + 5_000) / 10_000;
        assert_eq!((back(826), back(827)), (999, 1001));
    }
}

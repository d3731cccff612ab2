//! Properties of the Aplazame cart over random carts: the total is exactly what the customer pays at
//! the shelf (Σ shelf price × quantity − discount, computed here independently), the cart passes its
//! own check before sending, every net price is within half a cent of its shelf price without IVA,
//! and the total is inside the range the wire's articles allow (what the simulator checks).

use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;
use providers::Euros;
use providers::aplazame::cart::{Cart, CartError, ShelfLine, VatRate, shelf_total_range};

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 2_000,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

fn shelf_line() -> impl Strategy<Value = ShelfLine> {
    (
        1u32..=50,
        0i64..=1_000_000,
        select(VatRate::ALL.to_vec()),
        any::<bool>(),
        any::<u64>(),
    )
        .prop_map(|(quantity, cents, vat, discounted, draw)| {
            let gross = cents * i64::from(quantity);
            let discount = discounted.then(|| (draw % (gross as u64 + 1)) as i64);
            ShelfLine {
                name: format!("Artículo {cents}"),
                quantity,
                unit_price: Euros::from_cents(cents),
                vat,
                discount: discount.map(Euros::from_cents),
            }
        })
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn the_total_is_what_the_shelf_says(lines in vec(shelf_line(), 1..40)) {
        let shelf: i128 = lines
            .iter()
            .map(|line| {
                i128::from(line.unit_price.cents()) * i128::from(line.quantity)
                    - i128::from(line.discount.map_or(0, Euros::cents))
            })
            .sum();
        let cart = match Cart::build(lines.clone()) {
            Err(CartError::NothingToFinance) => {
                prop_assert_eq!(shelf, 0);
                return Ok(());
            }
            other => other.unwrap(),
        };
        prop_assert_eq!(i128::from(cart.total().cents()), shelf);
        prop_assert!(cart.check().is_ok());
        let articles = cart.articles();
        let (low, high) = shelf_total_range(&articles).expect("a built cart has a range");
        prop_assert!(low <= cart.total() && cart.total() <= high, "{:?} {:?} {:?}", low, cart.total(), high);
        for (line, article) in lines.iter().zip(&articles) {
            let rate = i128::from(article.tax_rate);
            let net_back = 2 * i128::from(article.price.cents()) * (10_000 + rate);
            let shelf_without = 2 * i128::from(line.unit_price.cents()) * 10_000;
            prop_assert!((net_back - shelf_without).abs() <= 10_000 + rate);
            prop_assert_eq!(article.quantity, line.quantity);
            prop_assert_eq!(article.tax_rate, line.vat.basis_points());
        }
    }
}

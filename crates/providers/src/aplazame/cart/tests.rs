//! Carts computed by hand: each IVA rate, quantities above one, discounts, the half-up case, a
//! shopping basket of twelve lines, and the refusals.

use super::*;
use serde_json::json;

fn euros(cents: i64) -> Euros {
    Euros::from_cents(cents)
}

fn line(name: &str, quantity: u32, cents: i64, vat: VatRate, discount: Option<i64>) -> ShelfLine {
    ShelfLine {
        name: name.to_owned(),
        quantity,
        unit_price: euros(cents),
        vat,
        discount: discount.map(euros),
    }
}

/// (price, tax_rate, discount) of each article.
fn nets(cart: &Cart) -> Vec<(i64, u32, Option<i64>)> {
    cart.articles()
        .iter()
        .map(|a| (a.price.cents(), a.tax_rate, a.discount.map(Euros::cents)))
        .collect()
}

#[test]
fn one_article_at_each_rate() {
    let cart = Cart::build(vec![
        line("Detergente", 1, 1000, VatRate::General, None),
        line("Café", 2, 450, VatRate::Reduced, None),
        line("Pan", 5, 125, VatRate::SuperReduced, None),
        line("Sellos", 7, 300, VatRate::Exempt, None),
    ])
    .unwrap();
    // 1000/1,21 = 826,45; 450/1,10 = 409,09; 125/1,04 = 120,19; 300/1 = 300.
    assert_eq!(
        nets(&cart),
        [
            (826, 2100, None),
            (409, 1000, None),
            (120, 400, None),
            (300, 0, None)
        ]
    );
    let amounts: Vec<i64> = cart.lines().iter().map(|l| l.amount().cents()).collect();
    assert_eq!(amounts, [1000, 900, 625, 2100]);
    assert_eq!(cart.total(), euros(4625));
}

#[test]
fn quantities_multiply_the_shelf_price_not_the_net() {
    let cart = Cart::build(vec![line("Camiseta", 3, 1999, VatRate::General, None)]).unwrap();
    // 1999/1,21 = 1652,07 → 1652; 1652 × 3 × 1,21 = 5996,76, but the customer pays 59,97 €.
    assert_eq!(nets(&cart), [(1652, 2100, None)]);
    assert_eq!(cart.total(), euros(5997));
}

#[test]
fn a_discount_comes_off_the_line_and_is_sent_net_per_unit() {
    let cart = Cart::build(vec![line(
        "Zapatillas",
        2,
        5990,
        VatRate::General,
        Some(1000),
    )])
    .unwrap();
    // 5990/1,21 = 4950,41 → 4950; 1000/(1,21 × 2) = 413,22 → 413.
    assert_eq!(nets(&cart), [(4950, 2100, Some(413))]);
    assert_eq!(cart.total(), euros(10_980));
    assert_eq!(
        serde_json::to_value(&cart.articles()[0]).unwrap(),
        json!({"id": "1", "name": "Zapatillas", "quantity": 2, "price": 4950, "tax_rate": 2100,
               "discount": 413})
    );
}

#[test]
fn an_exact_half_cent_rounds_up() {
    // 0,13 € at 4 %: 12,5 cents net exactly.
    let cart = Cart::build(vec![line("Chicle", 1, 13, VatRate::SuperReduced, None)]).unwrap();
    assert_eq!(nets(&cart), [(13, 400, None)]);
    assert_eq!(cart.total(), euros(13));
}

#[test]
fn a_basket_of_twelve_lines_totals_what_the_shelf_says() {
    use VatRate::*;
    let cart = Cart::build(vec![
        line("Pan de molde", 2, 235, SuperReduced, None),
        line("Leche entera 1 l", 6, 99, SuperReduced, None),
        line("Aceite de oliva 1 l", 1, 895, Reduced, None),
        line("Café molido", 3, 349, Reduced, None),
        line("Detergente", 1, 1299, General, None),
        line("Auriculares", 1, 5900, General, Some(500)),
        line("Libro", 2, 1890, SuperReduced, None),
        line("Sartén", 1, 3495, General, None),
        line("Toallas", 4, 750, General, Some(300)),
        line("Sellos", 10, 85, Exempt, None),
        line("Vino", 2, 675, General, None),
        line("Manzanas 1 kg", 3, 219, SuperReduced, None),
    ])
    .unwrap();
    let amounts: Vec<i64> = cart.lines().iter().map(|l| l.amount().cents()).collect();
    assert_eq!(
        amounts,
        [
            470, 594, 895, 1047, 1299, 5400, 3780, 3495, 2700, 850, 1350, 657
        ]
    );
    assert_eq!(cart.total(), euros(22_537));
    // 5900/1,21 = 4876,03; 500/1,21 = 413,22; 750/1,21 = 619,83; 300/(1,21 × 4) = 61,98.
    assert_eq!(nets(&cart)[5], (4876, 2100, Some(413)));
    assert_eq!(nets(&cart)[8], (620, 2100, Some(62)));
    let ids: Vec<String> = cart.articles().into_iter().map(|a| a.id).collect();
    assert_eq!(ids.first().map(String::as_str), Some("1"));
    assert_eq!(ids.last().map(String::as_str), Some("12"));
}

#[test]
fn lines_that_cannot_be_sold_are_refused_by_number() {
    let general = VatRate::General;
    let refused = |lines: Vec<ShelfLine>| Cart::build(lines).unwrap_err();
    assert_eq!(refused(vec![]), CartError::Empty);
    assert_eq!(
        refused(vec![
            line("A", 1, 100, general, None),
            line("B", 0, 100, general, None)
        ]),
        CartError::ZeroQuantity { line: 2 }
    );
    assert_eq!(
        refused(vec![line("  ", 1, 100, general, None)]),
        CartError::NoName { line: 1 }
    );
    assert_eq!(
        refused(vec![line("A", 1, -100, general, None)]),
        CartError::NegativePrice { line: 1 }
    );
    assert_eq!(
        refused(vec![line("A", 1, 100, general, Some(-1))]),
        CartError::NegativeDiscount { line: 1 }
    );
    assert_eq!(
        refused(vec![line("A", 2, 100, general, Some(201))]),
        CartError::DiscountAboveLine {
            line: 1,
            discount: euros(201),
            line_amount: euros(200)
        }
    );
    assert_eq!(
        refused(vec![line("A", 2, 100, general, Some(200))]),
        CartError::NothingToFinance
    );
    assert_eq!(
        refused(vec![line("A", u32::MAX, i64::MAX / 2, general, None)]),
        CartError::TooLarge
    );
}

#[test]
fn a_total_or_an_article_that_does_not_agree_is_an_error_never_adjusted() {
    let cart = Cart::build(vec![
        line("A", 2, 1000, VatRate::General, None),
        line("B", 1, 450, VatRate::Reduced, None),
    ])
    .unwrap();
    assert_eq!(
        check(euros(2451), cart.lines()),
        Err(CartError::TotalMismatch {
            total: euros(2451),
            lines: euros(2450)
        })
    );
    let mut lines = cart.lines().to_vec();
    lines[1].article.price = euros(410);
    assert_eq!(
        check(cart.total(), &lines),
        Err(CartError::LineMismatch { line: 2 })
    );
    let mut lines = cart.lines().to_vec();
    lines[0].amount = euros(1990);
    lines[1].amount = euros(460);
    assert_eq!(
        check(cart.total(), &lines),
        Err(CartError::LineMismatch { line: 1 })
    );
}

#[test]
fn the_range_a_wire_order_allows_holds_its_shelf_total() {
    let cart = Cart::build(vec![
        line("A", 2, 1000, VatRate::General, None),
        line("B", 2, 5990, VatRate::General, Some(1000)),
    ])
    .unwrap();
    // A: 826 net is 999 or 1000 at the shelf, × 2. B: see the discount test, 10978 to 10981.
    assert_eq!(
        shelf_total_range(&cart.articles()),
        Some((euros(1998 + 10_978), euros(2000 + 10_981)))
    );
    assert_eq!(cart.total(), euros(2000 + 10_980));
    let mut articles = cart.articles();
    articles[0].quantity = 0;
    assert_eq!(shelf_total_range(&articles), None);
}

//! `caja order create --qr` and `caja order status --qr`: the customer's link drawn in the terminal
//! with half blocks decodes (read back as an image with rqrr) to the order's `redirect_to`.

mod orders_support;

use orders_support::{APPROVED, OrdersTill, create_args};

/// The half-block drawing in `text` as a greyscale image, `scale` pixels a module (a drawn half is
/// light, a blank one dark), decoded.
fn decode(text: &str, scale: usize) -> Vec<String> {
    let lines: Vec<Vec<char>> = text
        .lines()
        .filter(|line| !line.is_empty() && line.chars().all(|c| " ▀▄█".contains(c)))
        .map(|line| line.chars().collect())
        .collect();
    assert!(lines.len() > 10, "a QR drawing in: {text}");
    let side = lines[0].len();
    let rows = 2 * lines.len();
    let light = |x: usize, y: usize| {
        let c = lines[y / 2][x];
        match (c, y % 2) {
            ('█', _) | ('▀', 0) | ('▄', 1) => 255,
            _ => 0,
        }
    };
    let image = rqrr::PreparedImage::prepare_from_greyscale(side * scale, rows * scale, |x, y| {
        light(x / scale, y / scale)
    });
    let mut image = image;
    image
        .detect_grids()
        .iter()
        .map(|grid| grid.decode().unwrap_or_else(|error| panic!("{error:?}")).1)
        .collect()
}

#[test]
fn the_terminal_qr_decodes_to_the_customers_link() {
    let till = OrdersTill::new();
    let mut args = create_args("1499.90", APPROVED);
    args.push("--qr");
    let (output, text) = till.text(None, &args);
    assert!(output.status.success(), "{text}");
    let order = till.provider_orders().remove(0);
    let view = till.status(None, &order.order_id);
    let link = view["redirectTo"].as_str().unwrap();
    // The drawn blocks are the light modules: read as white pixels, the code is the right way round.
    assert_eq!(decode(&text, 4), [link]);

    let answer = till.ok(None, &["order", "status", &order.order_id, "--qr"]);
    let drawn = answer["qr_text"].as_str().unwrap();
    assert_eq!(decode(drawn, 3), [link]);
    let plain = till.ok(None, &["order", "status", &order.order_id]);
    assert!(plain["qr_text"].is_null());
}

//! The screen's QR code read back as a phone would: the SVG's dark modules are rasterised (8 pixels a
//! module, with the quiet zone the SVG draws) and decoded by `rqrr`, a decoder that shares nothing
//! with the encoder. A second link is read too, so a reader that always answered the first would fail.

use desk::qr::{QUIET_ZONE, qr_svg};

const URL: &str = "https://apurata.com/pos?client=caja-demo&acuotaz_order=65a1f0c2e4b0a1b2c3d4e5f6";
const OTHER_URL: &str =
    "https://apurata.com/pos?client=caja-demo&acuotaz_order=65a1f0c2e4b0a1b2c3d4e5f7";
const PIXELS: usize = 8;

/// The value of the first `name="…"` after `from` in `svg`.
fn attribute<'a>(svg: &'a str, from: &str, name: &str) -> &'a str {
    let rest = &svg[svg.find(from).unwrap()..];
    let rest = &rest[rest.find(&format!("{name}=\"")).unwrap() + name.len() + 2..];
    &rest[..rest.find('"').unwrap()]
}

/// The dark rectangles of the SVG, in modules: x, y, width (each one module tall).
fn dark_runs(svg: &str) -> Vec<(usize, usize, usize)> {
    let path = attribute(svg, "fill=\"#000000\"", "d");
    path.split('M')
        .filter(|piece| !piece.is_empty())
        .map(|piece| {
            // "x yhRUNv1h-RUNz"
            let (x, rest) = piece.split_once(' ').unwrap();
            let (y, rest) = rest.split_once('h').unwrap();
            let (run, rest) = rest.split_once('v').unwrap();
            assert_eq!(rest, format!("1h-{run}z"), "{piece}");
            (x.parse().unwrap(), y.parse().unwrap(), run.parse().unwrap())
        })
        .collect()
}

/// The SVG's side in modules, from its `viewBox`.
fn side(svg: &str) -> usize {
    let view_box = attribute(svg, "<svg", "viewBox");
    let numbers: Vec<usize> = view_box.split(' ').map(|n| n.parse().unwrap()).collect();
    assert_eq!(numbers[..2], [0, 0]);
    assert_eq!(numbers[2], numbers[3], "square");
    numbers[2]
}

/// What `rqrr` reads in the SVG drawn on white at `PIXELS` a module.
fn read(svg: &str) -> Vec<String> {
    let side = side(svg) * PIXELS;
    let mut pixels = vec![255u8; side * side];
    for (x, y, run) in dark_runs(svg) {
        for row in y * PIXELS..(y + 1) * PIXELS {
            pixels[row * side + x * PIXELS..row * side + (x + run) * PIXELS].fill(0);
        }
    }
    let mut image =
        rqrr::PreparedImage::prepare_from_greyscale(side, side, |x, y| pixels[y * side + x]);
    image
        .detect_grids()
        .iter()
        .map(|grid| grid.decode().unwrap_or_else(|error| panic!("{error:?}")).1)
        .collect()
}

#[test]
fn the_svg_scans_back_to_the_order_url() {
    let svg = qr_svg(URL).unwrap();
    assert_eq!(read(&svg), [URL]);
}

#[test]
fn another_url_scans_back_to_itself() {
    let texts = read(&qr_svg(OTHER_URL).unwrap());
    assert_eq!(texts, [OTHER_URL]);
    assert_ne!(texts, [URL]);
}

#[test]
fn the_svg_is_sized_by_css_crisp_and_inert() {
    let svg = qr_svg(URL).unwrap();
    let root = &svg[..svg.find('>').unwrap()];
    assert!(
        root.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""),
        "{root}"
    );
    assert!(root.contains("viewBox=\"0 0 "), "{root}");
    assert!(root.contains("shape-rendering=\"crispEdges\""), "{root}");
    // No size of its own anywhere: CSS sizes it.
    assert!(!svg.contains("width=") && !svg.contains("height="), "{svg}");
    // Nothing that runs, links or loads.
    let lower = svg.to_lowercase();
    for word in ["<script", "href", " on", "<foreignobject", "<text", "url("] {
        assert!(!lower.contains(word), "{word} in {svg}");
    }
    assert!(svg.ends_with("</svg>"));
}

#[test]
fn the_quiet_zone_is_four_white_modules_on_every_side() {
    let svg = qr_svg(URL).unwrap();
    let side = side(&svg);
    // The link's 81 bytes at level M: a version 5 symbol, 37 modules, plus the quiet zone.
    assert_eq!(side, 37 + 2 * QUIET_ZONE);
    let runs = dark_runs(&svg);
    assert!(!runs.is_empty());
    for (x, y, run) in runs {
        assert!(
            x >= QUIET_ZONE && x + run <= side - QUIET_ZONE,
            "x {x}+{run}"
        );
        assert!(y >= QUIET_ZONE && y < side - QUIET_ZONE, "y {y}");
    }
    // And the background is white across the whole view box.
    assert!(svg.contains(&format!(
        "<path fill=\"#ffffff\" d=\"M0 0h{side}v{side}h-{side}z\"/>"
    )));
}

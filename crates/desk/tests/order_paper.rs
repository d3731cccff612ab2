//! The credit sale's paper read back as a customer's phone would: the ticket is rendered to its PDF (the
//! roll's twin of the ESC/POS bytes), rasterised by poppler's `pdftoppm` to greyscale, and the QR is
//! decoded by `rqrr`, which shares nothing with the encoder. It must be the link aCuotaz answered.

mod orders_support;

use desk::Settings;
use desk::order_paper::order_ticket;
use orders_support::{sale, store};

/// A binary PGM (`P5`) as width, height and grey bytes.
fn read_pgm(bytes: &[u8]) -> (usize, usize, Vec<u8>) {
    let mut fields = Vec::new();
    let mut at = 0;
    while fields.len() < 4 {
        while bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        let start = at;
        while !bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        fields.push(String::from_utf8_lossy(&bytes[start..at]).into_owned());
    }
    assert_eq!(fields[0], "P5");
    let (width, height): (usize, usize) = (fields[1].parse().unwrap(), fields[2].parse().unwrap());
    let pixels = bytes[at + 1..].to_vec();
    assert_eq!(pixels.len(), width * height);
    (width, height, pixels)
}

#[tokio::test]
async fn the_printed_qr_scans_back_to_the_link_acuotaz_gave() {
    let store = store().await;
    let order = store
        .till
        .create_order(sale(147_600, "14159265"))
        .await
        .unwrap();
    let link = order.redirect_to.clone().unwrap();
    let settings = Settings {
        store_name: "Tienda Miraflores".to_owned(),
        ..Settings::default()
    };
    let ticket = order_ticket(&order, &settings);
    let pdf = report::ticket::render_ticket_pdf(&ticket).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pedido.pdf");
    std::fs::write(&path, pdf).unwrap();

    let text = orders_support::pdf_text(&path);
    for expected in [
        "VENTA A CUOTAS",
        "T01-C1-000001",
        "S/ 1,476.00",
        "NO ES COMPROBANTE DE PAGO",
    ] {
        assert!(text.contains(expected), "{expected} in {text}");
    }

    let raster = std::process::Command::new("pdftoppm")
        .args(["-gray", "-r", "200", "-singlefile", path.to_str().unwrap()])
        .arg(dir.path().join("pedido"))
        .status()
        .unwrap();
    assert!(raster.success());
    let (width, height, pixels) = read_pgm(&std::fs::read(dir.path().join("pedido.pgm")).unwrap());
    let mut image =
        rqrr::PreparedImage::prepare_from_greyscale(width, height, |x, y| pixels[y * width + x]);
    let grids = image.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code on the paper");
    let (_, content) = grids[0].decode().unwrap();
    assert_eq!(content, link);
    assert!(link.ends_with(&store.held(&order.order_id).acuotaz_order));
}

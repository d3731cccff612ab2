//! Delivering receipts: to a file (as to `/dev/usb/lp0`), to a network printer played by a loopback
//! listener, and the addresses a person types in Ajustes, right and wrong. What arrives is read with
//! the same ESC/POS decoder as the receipts' own tests.

mod escpos_decode;

use std::io::Read;
use std::net::TcpListener;
use std::path::PathBuf;
use std::sync::mpsc;
use std::time::Duration;

use escpos_decode::{Command, decode};
use report::ReportError;
use report::thermal::{DEADLINE, ThermalPrinter, ThermalPrinterProblem as Problem};
use report::ticket::{Ticket, TicketFormat, TicketLine, escpos_bytes};

fn receipt(words: &str) -> Vec<u8> {
    let ticket = Ticket {
        lines: vec![
            TicketLine::Title(words.to_owned()),
            TicketLine::Pair {
                left: "Importe".to_owned(),
                right: "S/ 579.98".to_owned(),
            },
        ],
    };
    escpos_bytes(&ticket, &TicketFormat::default()).unwrap()
}

/// `printer.send(bytes)`, failing the test instead of hanging if it never returns.
fn send_within_deadline(printer: &ThermalPrinter, bytes: &[u8]) -> Result<(), ReportError> {
    let (done, outcome) = mpsc::channel();
    let (printer, bytes) = (printer.clone(), bytes.to_vec());
    std::thread::spawn(move || done.send(printer.send(&bytes)).unwrap());
    outcome
        .recv_timeout(DEADLINE + Duration::from_secs(5))
        .expect("send never returned")
}

fn failure(result: Result<(), ReportError>) -> (String, String) {
    match result {
        Err(ReportError::ThermalPrinterFailed { printer, detail }) => (printer, detail),
        other => panic!("expected thermal_printer_failed, got {other:?}"),
    }
}

#[test]
fn a_file_printer_appends_each_receipt() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lp0");
    std::fs::write(&path, b"").unwrap();
    let printer = ThermalPrinter::parse(&format!("file:{}", path.display())).unwrap();
    assert_eq!(printer, ThermalPrinter::File(path.clone()));
    printer.send(&receipt("Primero")).unwrap();
    printer.send(&receipt("Señor segundo")).unwrap();
    let decoded = decode(&std::fs::read(&path).unwrap()).unwrap();
    let count =
        |wanted: fn(&Command) -> bool| decoded.commands.iter().filter(|c| wanted(c)).count();
    assert_eq!(count(|c| *c == Command::Init), 2);
    assert_eq!(
        count(|c| matches!(c, Command::Cut { partial: true, .. })),
        2
    );
    let titles: Vec<String> = decoded
        .texts()
        .into_iter()
        .filter(|line| !line.starts_with("Importe") && !line.is_empty())
        .collect();
    assert_eq!(titles, ["Primero", "Señor segundo"]);
}

#[test]
fn a_missing_device_is_an_error_and_is_not_created() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lp0");
    let printer = ThermalPrinter::File(path.clone());
    let (name, detail) = failure(printer.send(&receipt("x")));
    assert_eq!(name, format!("file:{}", path.display()));
    assert!(detail.contains("No such file"), "{detail}");
    assert!(!path.exists());
    let error = printer.send(b"x").unwrap_err();
    assert_eq!(error.code(), "thermal_printer_failed");
}

#[test]
fn a_network_printer_receives_the_bytes() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let server = std::thread::spawn(move || {
        let (mut stream, _) = listener.accept().unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        let mut received = Vec::new();
        stream.read_to_end(&mut received).unwrap();
        received
    });
    let printer = ThermalPrinter::parse(&format!("tcp:127.0.0.1:{port}")).unwrap();
    let bytes = receipt("Constancia de pago");
    send_within_deadline(&printer, &bytes).unwrap();
    let received = server.join().unwrap();
    assert_eq!(received, bytes);
    let decoded = decode(&received).unwrap();
    assert_eq!(decoded.texts()[0], "Constancia de pago");
}

#[test]
fn a_closed_port_fails_at_once_with_the_printer_and_the_reason() {
    let port = {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let printer = ThermalPrinter::Network {
        host: "127.0.0.1".to_owned(),
        port,
    };
    let (name, detail) = failure(send_within_deadline(&printer, &receipt("x")));
    assert_eq!(name, format!("tcp:127.0.0.1:{port}"));
    assert!(detail.contains("refused"), "{detail}");
}

#[test]
fn an_unknown_host_fails_with_the_reason() {
    let printer = ThermalPrinter::parse("tcp:no-such-printer.invalid").unwrap();
    let (name, _) = failure(send_within_deadline(&printer, b"x"));
    assert_eq!(name, "tcp:no-such-printer.invalid:9100");
}

#[test]
fn a_usb_printer_that_is_not_plugged_in_is_an_error() {
    let printer = ThermalPrinter::parse("usb:ffff:fffe").unwrap();
    let (name, detail) = failure(send_within_deadline(&printer, b"x"));
    assert_eq!(name, "usb:ffff:fffe");
    assert!(!detail.is_empty());
}

#[test]
fn every_form_parses_and_prints_back() {
    let cases = [
        (
            "file:/dev/usb/lp0",
            ThermalPrinter::File(PathBuf::from("/dev/usb/lp0")),
        ),
        (
            "tcp:192.168.1.50:9100",
            ThermalPrinter::Network {
                host: "192.168.1.50".to_owned(),
                port: 9100,
            },
        ),
        (
            "tcp:ticketera.local:9101",
            ThermalPrinter::Network {
                host: "ticketera.local".to_owned(),
                port: 9101,
            },
        ),
        (
            "tcp:[fe80::1]:9100",
            ThermalPrinter::Network {
                host: "fe80::1".to_owned(),
                port: 9100,
            },
        ),
        (
            "cups:TICKETERA_Caja-1",
            ThermalPrinter::Cups {
                queue: "TICKETERA_Caja-1".to_owned(),
            },
        ),
        (
            "usb:04b8:0e15",
            ThermalPrinter::Usb {
                vendor_id: 0x04b8,
                product_id: 0x0e15,
            },
        ),
    ];
    for (text, printer) in cases {
        assert_eq!(ThermalPrinter::parse(text).unwrap(), printer, "{text}");
        assert_eq!(printer.to_string(), text);
        assert_eq!(text.parse::<ThermalPrinter>().unwrap(), printer);
    }
    // Shorter and looser spellings of the same printers.
    for (text, canonical) in [
        ("tcp:192.168.1.50", "tcp:192.168.1.50:9100"),
        ("tcp:fe80::1", "tcp:[fe80::1]:9100"),
        ("tcp:[fe80::1]", "tcp:[fe80::1]:9100"),
        ("  USB:04B8:E15 ", "usb:04b8:0e15"),
        ("TCP:10.0.0.7:9100", "tcp:10.0.0.7:9100"),
    ] {
        assert_eq!(ThermalPrinter::parse(text).unwrap().to_string(), canonical);
    }
}

#[test]
fn each_mistake_names_its_part() {
    let owned = |s: &str| s.to_owned();
    let cases = [
        ("", Problem::Empty),
        ("   ", Problem::Empty),
        (
            "/dev/usb/lp0",
            Problem::UnknownKind {
                kind: owned("/dev/usb/lp0"),
            },
        ),
        ("lpt:/dev/lp0", Problem::UnknownKind { kind: owned("lpt") }),
        ("file:", Problem::MissingPath),
        ("file:lp0", Problem::RelativePath { path: owned("lp0") }),
        ("tcp:", Problem::MissingHost),
        ("tcp::9100", Problem::MissingHost),
        (
            "tcp:caja 1:9100",
            Problem::BadHost {
                host: owned("caja 1"),
            },
        ),
        (
            "tcp:http://10.0.0.7",
            Problem::BadHost {
                host: owned("http://10.0.0.7"),
            },
        ),
        (
            "tcp:[fe80::1:9100",
            Problem::BadHost {
                host: owned("[fe80::1:9100"),
            },
        ),
        (
            "tcp:[10.0.0.7]:9100",
            Problem::BadHost {
                host: owned("10.0.0.7"),
            },
        ),
        ("tcp:10.0.0.7:", Problem::BadPort { port: owned("") }),
        (
            "tcp:10.0.0.7:nueve",
            Problem::BadPort {
                port: owned("nueve"),
            },
        ),
        ("tcp:10.0.0.7:0", Problem::BadPort { port: owned("0") }),
        (
            "tcp:10.0.0.7:70000",
            Problem::BadPort {
                port: owned("70000"),
            },
        ),
        ("cups:", Problem::MissingQueue),
        (
            "cups:Mi impresora",
            Problem::BadQueue {
                queue: owned("Mi impresora"),
            },
        ),
        (
            "cups:caja/1",
            Problem::BadQueue {
                queue: owned("caja/1"),
            },
        ),
        ("usb:", Problem::UsbIdsMissing),
        ("usb:04b8", Problem::UsbIdsMissing),
        (
            "usb:epson:0e15",
            Problem::BadVendorId { id: owned("epson") },
        ),
        ("usb::0e15", Problem::BadVendorId { id: owned("") }),
        (
            "usb:04b8:0e15a",
            Problem::BadProductId { id: owned("0e15a") },
        ),
        ("usb:04b8:", Problem::BadProductId { id: owned("") }),
    ];
    for (text, problem) in cases {
        match ThermalPrinter::parse(text) {
            Err(ReportError::ThermalPrinterInvalid {
                text: given,
                problem: found,
            }) => {
                assert_eq!(found, problem, "{text:?}");
                assert_eq!(given, text);
            }
            other => panic!("{text:?}: {other:?}"),
        }
    }
    let error = ThermalPrinter::parse("tcp:10.0.0.7:nueve").unwrap_err();
    assert_eq!(error.code(), "thermal_printer_invalid");
    assert!(error.to_string().contains("«nueve»"), "{error}");
}

//! Closing a shift from the terminal when things go wrong: an operation still without an outcome
//! (made with the sandbox's fault injection) holds the closing; Z numbers run 1, 2, 3 across separate
//! processes without a gap or a repeat, even with `caja shift close` killed at every moment (and its
//! PDF is written again when the kill cut it); a Z asked again with `--reprint` is a new, marked PDF. The built binary, a real SQLite file, the sandbox in
//! this process over loopback.

mod shift_support;

use std::time::{Duration, Instant};

use sandbox::{Endpoint, Fault, FaultPlan, FaultRule};
use shift_support::{TillUnderTest, count_for};

#[test]
fn closing_waits_for_an_operation_without_an_outcome() {
    let till = TillUnderTest::new();
    till.open_shift(None, "100=2");
    let financing = &till.countable(0, 1)[0];
    let pair = ["--dni", &financing.dni, "--funding-code", &financing.code];
    till.ok(None, &[&["check"][..], &pair].concat());
    // The billing happens and its answer is lost; asking `info` afterwards fails too.
    till.set_faults(FaultPlan::new(vec![
        FaultRule::always(Some(Endpoint::PaidAndBilled), Fault::DropAfterEffect),
        FaultRule::always(Some(Endpoint::Info), Fault::ServerError),
    ]));
    let (code, pay) = till.run(
        None,
        &[],
        &[&["pay"][..], &pair, &["--tender", "efectivo"]].concat(),
    );
    assert_eq!(code, 4, "{pay}");
    let status = till.ok(None, &["shift", "status"]);
    let unknown = &status["shift"]["unknownOperations"];
    assert_eq!(unknown.as_array().unwrap().len(), 1, "{status}");
    let id = unknown[0]["id"].as_i64().unwrap();

    let (code, refused) = till.run(None, &[], &["shift", "close", "--count", "100=2"]);
    assert_eq!(code, 2, "{refused}");
    assert_eq!(refused["error"]["code"], "unknown_operations");
    let message = refused["error"]["message"].as_str().unwrap();
    assert!(
        message.contains(&format!("n.° {id}")),
        "names it: {message}"
    );
    assert!(message.contains("caja resolve"), "says how: {message}");
    let (output, text) = till.text(None, &["shift", "status"]);
    assert!(output.status.success());
    assert!(
        text.contains(&format!("n.° {id}")) && text.contains("caja resolve"),
        "{text}"
    );
    assert!(till.z_numbers().is_empty());

    // The provider answers again: `caja resolve` settles it, and the drawer holds its cash.
    till.set_faults(FaultPlan::default());
    let resolved = till.ok(None, &["resolve", "--timeout", "30"]);
    // Every command resumes the outbox as it opens the till, so `resolve` may find it settled already:
    // what matters is that nothing is left open and the payment's cash is expected in the drawer.
    assert!(
        resolved["still_open"].as_array().unwrap().is_empty(),
        "{resolved}"
    );
    let status = till.ok(None, &["shift", "status"]);
    assert!(
        status["shift"]["unknownOperations"]
            .as_array()
            .unwrap()
            .is_empty(),
        "{status}"
    );
    let drawer = count_for(20_000 + financing.downpayment);
    let closed = till.ok(None, &["shift", "close", "--count", &drawer]);
    assert_eq!(closed["z_number"], 1, "{closed}");
}

#[test]
fn z_numbers_run_on_across_processes_without_a_gap() {
    let till = TillUnderTest::new();
    // Counts typed, or kept in a file as text or as JSON.
    let json_count = till.path().join("fondo.json");
    std::fs::write(&json_count, r#"{"50": 1, "0.10": 3}"#).unwrap();
    let text_count = till.path().join("cierre.txt");
    std::fs::write(&text_count, "50=1\n0.10=3\n").unwrap();
    for number in 1..=3 {
        let opened = till.ok(
            None,
            &[
                "shift",
                "open",
                "--count-file",
                json_count.to_str().unwrap(),
            ],
        );
        assert_eq!(opened["count"]["total"]["centimos"], 5_030, "{opened}");
        let closed = till.ok(
            None,
            &[
                "shift",
                "close",
                "--count-file",
                text_count.to_str().unwrap(),
            ],
        );
        assert_eq!(closed["z_number"], number, "{closed}");
        let (code, again) = till.run(None, &[], &["shift", "close"]);
        assert_eq!(
            (code, &again["error"]["code"]),
            (2, &"no_shift_open".into())
        );
    }
    assert_eq!(till.z_numbers(), [1, 2, 3]);
    let (output, text) = till.text(None, &["shift", "z"]);
    assert!(output.status.success());
    assert!(text.contains("000003") && text.contains("000001"), "{text}");
}

/// `caja shift close` SIGKILLed at moments spread over how long a closing takes: each time the
/// database holds either the shift still open and no new Z, or the shift closed with exactly one new
/// Z; in the end the Z numbers are exactly 1..N.
#[test]
fn a_kill_during_closing_leaves_the_shift_open_or_one_z() {
    const ROUNDS: u32 = 30;
    let till = TillUnderTest::new();
    // One closing timed whole, to spread the kills over it.
    till.open_shift(None, "100=1");
    till.ok(None, &["shift", "count", "--count", "100=1"]);
    let started = Instant::now();
    till.ok(None, &["shift", "close"]);
    let whole = started.elapsed();
    let mut filed = 1;
    let (mut killed_open, mut killed_closed) = (0, 0);
    for round in 0..ROUNDS {
        till.open_shift(None, "100=1");
        till.ok(None, &["shift", "count", "--count", "100=1"]);
        let delay = whole.mul_f64(1.2 * f64::from(round) / f64::from(ROUNDS));
        let mut close = till.spawn(None, &["shift", "close"]);
        std::thread::sleep(delay);
        let _ = close.kill();
        let ended = close.wait().unwrap();

        let status = till.ok(None, &["shift", "status"]);
        let numbers = till.z_numbers();
        if status["shift"].is_null() {
            filed += 1;
            killed_closed += 1;
            assert_eq!(
                numbers.len(),
                filed,
                "closed: one new Z ({ended:?}, {delay:?})"
            );
        } else {
            killed_open += 1;
            assert_eq!(
                numbers.len(),
                filed,
                "still open: no new Z ({ended:?}, {delay:?})"
            );
            let closed = till.ok(None, &["shift", "close"]);
            filed += 1;
            assert_eq!(closed["z_number"], filed as i64, "{closed}");
        }
    }
    println!(
        "{ROUNDS} kills over a {whole:?} closing: {killed_open} left it open, {killed_closed} closed"
    );
    let expected: Vec<i64> = (1..=filed as i64).collect();
    assert_eq!(till.z_numbers(), expected);
    assert_eq!(filed, ROUNDS as usize + 1);
    // Both outcomes happened, or the kills did not spread over the closing.
    assert!(
        killed_open > 0 && killed_closed > 0,
        "kills left {killed_open} open and {killed_closed} closed over {whole:?}"
    );
    let audit = till.ok(None, &["audit", "verify"]);
    assert_eq!(audit["audit"]["intact"], true, "{audit}");
    // A kill after the Z was filed may have cut its papers: asking for it again writes the PDF.
    let reports = till.path().join("reports");
    let kept = std::fs::read_dir(&reports).map_or(0, |dir| dir.count());
    println!("{kept} files in {} before asking again", reports.display());
    for number in expected {
        let z = till.ok(None, &["shift", "z", "--number", &number.to_string()]);
        let pdf = z["z"]["pdfPath"].as_str().unwrap();
        assert!(pdf_text(pdf).contains(&format!("{number:06}")), "{z}");
    }
}

/// The text of a PDF, read back with `pdftotext`.
fn pdf_text(path: &str) -> String {
    let output = std::process::Command::new("pdftotext")
        .args(["-layout", path, "-"])
        .output()
        .expect("pdftotext (poppler-utils)");
    assert!(output.status.success(), "{path}: {output:?}");
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn a_reprint_is_a_new_pdf_marked_reimpresion() {
    let till = TillUnderTest::new();
    till.open_shift(None, "100=1");
    let closed = till.ok(None, &["shift", "close", "--count", "100=1"]);
    assert_eq!(closed["z_number"], 1, "{closed}");
    let original = closed["z"]["pdfPath"].as_str().unwrap().to_owned();
    assert!(std::path::Path::new(&original).exists(), "{closed}");

    // Reprints are named to the second.
    std::thread::sleep(Duration::from_millis(1_100));
    let reprint = till.ok(None, &["shift", "z", "--number", "1", "--reprint"]);
    assert_eq!(reprint["z"]["reprint"], true, "{reprint}");
    let copy = reprint["z"]["pdfPath"].as_str().unwrap();
    assert_ne!(copy, original, "a new file");
    assert!(std::path::Path::new(copy).exists(), "{reprint}");
    let text = pdf_text(copy);
    assert!(text.contains("REIMPRESIÓN"), "{text}");
    assert!(
        !pdf_text(&original).contains("REIMPRESIÓN"),
        "the original is no reprint"
    );
    let again = till.ok(None, &["shift", "z", "--number", "1"]);
    assert_eq!(
        again["z"]["pdfPath"],
        original.as_str(),
        "the original stays"
    );
    let (code, missing) = till.run(None, &[], &["shift", "z", "--number", "9"]);
    assert_eq!(
        (code, &missing["error"]["code"]),
        (2, &"no_such_z_report".into())
    );
}

//! Shifts and tenders from the terminal: every tender through `caja pay` (cash with its change in
//! integer céntimos, card with its voucher, Yape/Plin; a transfer refused until aPagos validated it),
//! payments refused without an open shift, a full shift with cash in and out (a supervisor above the threshold), the blind count over,
//! short and exact, and the closing tolerance. The built binary, a real SQLite file, and the sandbox
//! in this process over loopback. Closing under faults and kills is in `shift_closing.rs`.

mod shift_support;

use shift_support::{LUIS, ROSA, TillUnderTest, centimos, count_for, soles};

#[test]
fn every_tender_goes_through_caja_pay() {
    let till = TillUnderTest::new();
    till.open_shift(None, "100=2,10=5");
    let paid = till.countable(0, 5);

    let cash = &paid[0];
    let received = cash.downpayment + 2_002;
    let answer = till.check_and_pay(
        None,
        cash,
        &["--tender", "efectivo", "--received", &soles(received)],
    );
    assert_eq!(answer["tender"], "cash", "{answer}");
    assert_eq!(centimos(&answer["collected"]), cash.downpayment);
    assert_eq!(centimos(&answer["received"]), received);
    assert_eq!(centimos(&answer["change"]), 2_002, "{answer}");
    assert_eq!(answer["change"]["text"], "S/ 20.02");
    assert_eq!(answer["handover_allowed"], true);

    let card = &paid[1];
    let answer = till.check_and_pay(
        None,
        card,
        &[
            "--tender",
            "tarjeta",
            "--card-last4",
            "4242",
            "--card-auth",
            "A1B2C3",
        ],
    );
    assert_eq!(answer["tender"], "card", "{answer}");
    assert_eq!(answer["card_last4"], "4242");
    assert_eq!(answer["card_authorization"], "A1B2C3");
    assert!(answer["change"].is_null(), "{answer}");

    let yape = &paid[2];
    let answer = till.check_and_pay(None, yape, &["--tender", "yape"]);
    assert_eq!(answer["tender"], "yape_plin", "{answer}");
    assert_eq!(centimos(&answer["collected"]), yape.downpayment);

    // A transfer pays only once aPagos validated the customer's receipt (`caja voucher register`,
    // tested in vouchers.rs): without one it is refused, in English as text, nothing sent.
    let transfer = &paid[3];
    let pair = ["--dni", &transfer.dni, "--funding-code", &transfer.code];
    till.ok(None, &[&["check"][..], &pair].concat());
    let (output, text) = till.text(
        None,
        &[
            &["--lang", "en", "pay"][..],
            &pair,
            &["--tender", "transfer"],
        ]
        .concat(),
    );
    assert!(!output.status.success(), "{text}");
    assert!(
        text.contains("register the customer's receipt first"),
        "{text}"
    );
    assert!(
        !till
            .provider
            .state()
            .financing(&transfer.code)
            .unwrap()
            .billed
    );

    // Less cash than the down payment: refused on the field, nothing sent.
    let short = &paid[4];
    let pair = ["--dni", &short.dni, "--funding-code", &short.code];
    till.ok(None, &[&["check"][..], &pair].concat());
    let too_little = soles(short.downpayment - 100);
    let (code, answer) = till.run(
        None,
        &[],
        &[
            &["pay"][..],
            &pair,
            &["--tender", "efectivo", "--received", &too_little],
        ]
        .concat(),
    );
    assert_eq!(code, 2, "{answer}");
    assert_eq!(answer["error"]["field"], "received");
    assert!(
        answer["error"]["message"]
            .as_str()
            .unwrap()
            .contains("S/ 1.00"),
        "says what is missing: {answer}"
    );
    // No tender at all, or one that is not: refused before anything is sent, saying how to give it.
    let (code, answer) = till.run(None, &[], &[&["pay"][..], &pair].concat());
    assert_eq!(code, 2, "{answer}");
    assert_eq!(answer["error"]["field"], "tender");
    assert!(
        answer["error"]["message"]
            .as_str()
            .unwrap()
            .contains("--tender efectivo"),
        "{answer}"
    );
    let (code, answer) = till.run(
        None,
        &[],
        &[&["pay"][..], &pair, &["--tender", "cheque"]].concat(),
    );
    assert_eq!((code, &answer["error"]["field"]), (2, &"tender".into()));
    assert!(!till.provider.state().financing(&short.code).unwrap().billed);

    // The X report sums each tender; cash includes the float.
    let x = till.ok(None, &["shift", "x"]);
    let tenders = x["report"]["tenders"].as_array().unwrap();
    let expected: Vec<(String, u64, i64)> = tenders
        .iter()
        .map(|line| {
            (
                line["tender"].as_str().unwrap().to_owned(),
                line["payments"].as_u64().unwrap(),
                centimos(&line["expected"]),
            )
        })
        .collect();
    assert_eq!(
        expected,
        [
            ("cash".to_owned(), 1, 25_000 + cash.downpayment),
            ("card".to_owned(), 1, card.downpayment),
            ("yape_plin".to_owned(), 1, yape.downpayment),
            ("transfer".to_owned(), 0, 0),
        ]
    );
}

#[test]
fn without_a_shift_payments_are_refused_saying_how_to_open_one() {
    let till = TillUnderTest::new();
    let financing = till.financing(0);
    let pair = ["--dni", &financing.dni, "--funding-code", &financing.code];
    till.ok(None, &[&["check"][..], &pair].concat());
    for args in [
        [&["pay"][..], &pair, &["--tender", "efectivo"]].concat(),
        [&["undo"][..], &pair].concat(),
        vec!["shift", "x"],
        vec!["shift", "cash-in", "--amount", "10", "--reason", "Sencillo"],
        vec!["shift", "close"],
    ] {
        let (code, answer) = till.run(None, &[], &args);
        assert_eq!(code, 2, "{args:?}: {answer}");
        assert_eq!(answer["error"]["code"], "no_shift_open", "{answer}");
        let message = answer["error"]["message"].as_str().unwrap();
        assert!(message.contains("caja shift open --count"), "{message}");
    }
    assert!(
        !till
            .provider
            .state()
            .financing(&financing.code)
            .unwrap()
            .billed
    );
    let status = till.ok(None, &["shift", "status"]);
    assert!(status["shift"].is_null(), "{status}");
    let (_, text) = till.text(None, &["shift", "status"]);
    assert!(text.contains("caja shift open --count"), "{text}");
}

#[test]
fn a_full_shift_with_cash_in_and_out() {
    let till = TillUnderTest::staffed();
    let opened = till.open_shift(LUIS, "100=2,20=2,0.50=4");
    assert_eq!(centimos(&opened["shift"]["float"]), 24_200, "{opened}");
    assert_eq!(opened["shift"]["openedBy"], "Luis Mamani");

    let moved = till.ok(
        LUIS,
        &[
            "shift",
            "cash-in",
            "--amount",
            "50.00",
            "--reason",
            "Sencillo del banco",
        ],
    );
    assert_eq!(centimos(&moved["movement"]["amount"]), 5_000, "{moved}");
    assert!(moved["movement"]["approver"].is_null());
    // Above S/ 200.00 a supervisor approves, with a PIN.
    let out = [
        "shift",
        "cash-out",
        "--amount",
        "250",
        "--reason",
        "Depósito a la caja fuerte",
    ];
    let (code, refused) = till.run(LUIS, &[], &out);
    assert_eq!(code, 2, "{refused}");
    assert_eq!(refused["error"]["code"], "approval_required");
    let approver = [
        ("CAJA_APPROVER", "Rosa Quispe"),
        ("CAJA_APPROVER_PIN", "0000"),
    ];
    let (code, wrong) = till.run(LUIS, &approver, &out);
    assert_eq!((code, &wrong["error"]["code"]), (2, &"wrong_pin".into()));
    let approver = [
        ("CAJA_APPROVER", "Rosa Quispe"),
        ("CAJA_APPROVER_PIN", "2468"),
    ];
    let (code, moved) = till.run(LUIS, &approver, &out);
    assert_eq!(code, 0, "{moved}");
    assert_eq!(moved["movement"]["approver"], "Rosa Quispe");
    assert_eq!(moved["action"], "cash_out");

    let financing = &till.countable(0, 1)[0];
    till.check_and_pay(LUIS, financing, &["--tender", "efectivo"]);

    // Blind: the cashier sees no expected amount before counting; the supervisor does.
    let status = till.ok(LUIS, &["shift", "status"]);
    assert!(status["shift"]["cashExpected"].is_null(), "{status}");
    assert_eq!(status["shift"]["movements"].as_array().unwrap().len(), 2);
    let x = till.ok(LUIS, &["shift", "x"]);
    assert_eq!(x["report"]["expectedVisible"], false, "{x}");
    assert!(x["report"]["tenders"][0]["expected"].is_null());
    let expected = 24_200 + 5_000 - 25_000 + financing.downpayment;
    let x = till.ok(ROSA, &["shift", "x"]);
    assert_eq!(centimos(&x["report"]["cash"]["expected"]), expected, "{x}");
    let (_, text) = till.text(ROSA, &["shift", "status"]);
    assert!(text.contains("Depósito a la caja fuerte"), "{text}");
    assert!(text.contains("autorizó Rosa Quispe"), "{text}");

    let counted = till.ok(LUIS, &["shift", "count", "--count", &count_for(expected)]);
    assert_eq!(
        counted["report"]["expectedVisible"], true,
        "after counting: {counted}"
    );
    assert_eq!(counted["report"]["needsApproval"], false, "{counted}");
    let closed = till.ok(LUIS, &["shift", "close"]);
    assert_eq!(closed["z_number"], 1, "{closed}");
    let snapshot = till.z_snapshot(1);
    assert_eq!(snapshot["movements"].as_array().unwrap().len(), 2);
    assert_eq!(snapshot["shift"]["closedBy"], "Luis Mamani");
    assert!(till.ok(LUIS, &["shift", "status"])["shift"].is_null());
}

#[test]
fn the_blind_count_names_over_short_and_exact() {
    let till = TillUnderTest::new();
    till.open_shift(None, "100=2,10=5");
    let paid = till.countable(0, 2);
    till.check_and_pay(None, &paid[0], &["--tender", "efectivo"]);
    till.check_and_pay(None, &paid[1], &["--tender", "tarjeta"]);
    let cash = 25_000 + paid[0].downpayment;
    let card = paid[1].downpayment;

    let count = |cash_counted: i64, card_counted: i64| {
        let answer = till.ok(
            None,
            &[
                "shift",
                "count",
                "--count",
                &count_for(cash_counted),
                "--card-batch",
                &soles(card_counted),
            ],
        );
        let report = answer["report"].clone();
        let difference = |line: usize| centimos(&report["tenders"][line]["difference"]);
        let kinds: Vec<String> = report["differences"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["kind"].as_str().unwrap().to_owned())
            .filter(|kind| kind.starts_with("cash") || kind.starts_with("card"))
            .collect();
        (
            difference(0),
            difference(1),
            kinds,
            report["needsApproval"].clone(),
        )
    };
    let (cash_diff, card_diff, kinds, approval) = count(cash + 50, card - 1_000);
    assert_eq!((cash_diff, card_diff), (50, -1_000));
    assert_eq!(kinds, ["cash_over", "card_short"]);
    assert_eq!(
        approval, true,
        "S/ 10.00 short on card is over the tolerance"
    );
    let (cash_diff, card_diff, kinds, approval) = count(cash - 200, card + 30);
    assert_eq!((cash_diff, card_diff), (-200, 30));
    assert_eq!(kinds, ["cash_short", "card_over"]);
    assert_eq!(approval, true);
    let (cash_diff, card_diff, kinds, approval) = count(cash, card);
    assert_eq!((cash_diff, card_diff), (0, 0));
    assert!(kinds.is_empty(), "{kinds:?}");
    assert_eq!(approval, false);

    let (output, text) = till.text(None, &["shift", "x"]);
    assert!(output.status.success(), "{text}");
    assert!(text.contains("Efectivo"), "{text}");
    assert!(text.contains(&format!("S/ {}", soles(card))), "{text}");
    // The last count is the closing's.
    let closed = till.ok(None, &["shift", "close"]);
    assert_eq!(
        till.z_snapshot(closed["z_number"].as_i64().unwrap())["recounts"],
        2
    );
}

#[test]
fn a_difference_within_the_tolerance_closes_alone_and_above_it_needs_a_supervisor() {
    let till = TillUnderTest::staffed();
    let paid = till.countable(0, 2);

    till.open_shift(LUIS, "100=2");
    till.check_and_pay(LUIS, &paid[0], &["--tender", "efectivo"]);
    let expected = 20_000 + paid[0].downpayment;
    till.ok(
        LUIS,
        &["shift", "count", "--count", &count_for(expected + 100)],
    );
    let closed = till.ok(LUIS, &["shift", "close"]);
    assert_eq!(closed["z_number"], 1, "S/ 1.00 over is within: {closed}");
    assert!(closed["approved_by"].is_null());

    till.open_shift(LUIS, "100=2");
    till.check_and_pay(LUIS, &paid[1], &["--tender", "efectivo"]);
    let expected = 20_000 + paid[1].downpayment;
    let short = count_for(expected - 110);
    let (code, refused) = till.run(LUIS, &[], &["shift", "close", "--count", &short]);
    assert_eq!(code, 2, "S/ 1.10 short is over: {refused}");
    assert_eq!(refused["error"]["code"], "approval_required");
    let approver = [
        ("CAJA_APPROVER", "Rosa Quispe"),
        ("CAJA_APPROVER_PIN", "2468"),
    ];
    let reason = ["--reason", "Vuelto mal dado, revisado con la cajera"];
    let (code, closed) = till.run(
        LUIS,
        &approver,
        &[&["shift", "close"][..], &reason].concat(),
    );
    assert_eq!(code, 0, "{closed}");
    assert_eq!(closed["z_number"], 2);
    assert_eq!(closed["approved_by"], "Rosa Quispe");
    assert_eq!(closed["approval_reason"], reason[1]);
    let snapshot = till.z_snapshot(2);
    assert_eq!(
        snapshot["approval"]["supervisor"], "Rosa Quispe",
        "{snapshot}"
    );
    assert_eq!(snapshot["approval"]["reason"], reason[1]);
    let snapshot_centimos =
        |soles: &serde_json::Value| (soles.as_f64().unwrap() * 100.0).round() as i64;
    assert_eq!(
        snapshot_centimos(&snapshot["reconciliation"]["cash"]["expected"]),
        expected
    );
    let counted = snapshot["count"]["cash"]["pieces"].as_object().unwrap();
    assert!(
        !counted.is_empty(),
        "the count by denomination is kept: {snapshot}"
    );

    // A supervisor closing her own shift approves with her PIN and a reason.
    till.open_shift(ROSA, "100=2");
    let short = ["shift", "close", "--count", "100=1"];
    let (code, refused) = till.run(ROSA, &[], &short);
    assert_eq!(
        (code, &refused["error"]["code"]),
        (2, &"approval_required".into())
    );
    let closed = till.ok(
        ROSA,
        &[&short[..], &["--reason", "Billete falso retenido"]].concat(),
    );
    assert_eq!(closed["approved_by"], "Rosa Quispe", "{closed}");
}

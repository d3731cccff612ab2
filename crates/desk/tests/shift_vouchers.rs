//! A shift with bank-transfer vouchers (aPagos), closed against the sandbox's simulator over loopback
//! and a real SQLite file: the transfer line counts what aPagos validated (the corrected amount), the Z
//! lists the vouchers by status with the unsettled ones one by one, its snapshot reads back the same and
//! the audit chain verifies, and its PDF (read back with `pdftotext`, in Spanish and English) and its
//! 80 mm ticket (decoded from the ESC/POS bytes) show the section. A shift without vouchers prints none;
//! closing reads again at aPagos the vouchers still waiting for its decision.

#[path = "../../report/tests/escpos_decode/mod.rs"]
mod escpos_decode;
mod orders_support;
mod vouchers_support;

use std::path::Path;

use desk::wording::Lang;
use desk::{Settings, closing};
use orders_support::pdf_text;
use sandbox::{ApagosTiming, demo};
use till::cash::CashCount;
use till::identity::parse_dni;
use till::shift::reconcile::DifferenceKind;
use till::shift::transfers::{GroupTally, VoucherGroup};
use till::vouchers::{AmountDecision, Billing, VoucherSale};
use till::{Soles, Tender};
use vouchers_support::{assert_intact, decided, rosa, store, transfer};

const ACCOUNT: &str = "BCP-SOLES-001";

fn soles(centimos: i64) -> Soles {
    Soles::from_centimos(centimos)
}

fn tally(group: VoucherGroup, count: u32, centimos: i64) -> GroupTally {
    GroupTally {
        group,
        count,
        amount: soles(centimos),
    }
}

fn settings(dir: &Path, lang: Lang) -> Settings {
    Settings {
        store_name: "Bodega Señor de Muruhuay".to_owned(),
        till_name: "Caja 2".to_owned(),
        thermal_printer: Some(format!("file:{}", dir.join("thermal.bin").display())),
        lang,
        ..Settings::default()
    }
}

fn assert_has(text: &str, expected: &[&str], what: &str) {
    for word in expected {
        assert!(
            text.contains(word),
            "«{word}» missing from the {what}:\n{text}"
        );
    }
}

#[tokio::test]
async fn the_z_counts_what_apagos_validated_and_lists_the_vouchers_by_status() {
    let s = store(&[ACCOUNT]).await;
    let till = &s.till;
    till.open_shift(CashCount::parse("20=5").unwrap())
        .await
        .unwrap();
    // The customer pays the down payment (S/ 579.98) by transfer; aPagos corrects it to S/ 589.98.
    let dni = parse_dni(demo::DOCS_PAIR.dni).unwrap();
    let code = demo::DOCS_PAIR.funding_code.parse().unwrap();
    let check = till.check(&dni, &code).await.unwrap();
    assert_eq!(check.amount_to_collect, soles(57_998));
    let mut paid = transfer("123477", ACCOUNT);
    paid.amount = soles(57_998);
    paid.sale = Some(VoucherSale {
        customer: dni.clone(),
        funding_code: code.clone(),
        collect: soles(57_998),
    });
    let validated = till.register_voucher(paid).await.unwrap();
    let invalid = till
        .register_voucher(transfer("912345", ACCOUNT))
        .await
        .unwrap();
    let review = till
        .register_voucher(transfer("812345", ACCOUNT))
        .await
        .unwrap();
    for voucher in [&validated, &invalid, &review] {
        decided(till, &voucher.voucher_id).await;
    }
    // The corrected amount waits for a supervisor; accepted, Caja bills the down payment by itself.
    let billed = till
        .decide_voucher_amount(&validated.voucher_id, AmountDecision::Accepted, rosa())
        .await
        .unwrap();
    assert_eq!(billed.billing, Some(Billing::Billed));

    // The X report already counts the transfers: aPagos' validation needs no blind count.
    let x = till.x_report().await.unwrap();
    assert_eq!(x.reconciliation.tenders[3].counted, Some(soles(58_998)));
    till.count_closing(CashCount::parse("20=5").unwrap(), Soles::ZERO)
        .await
        .unwrap();
    // S/ 10.00 over the tolerance: a supervisor approves, as for the card terminal's batch.
    let refused = till.close_shift(None).await.unwrap_err();
    assert_eq!(refused.code(), "approval_required");
    let z = till.close_shift(Some(&rosa())).await.unwrap();

    let line = &z.reconciliation.tenders[3];
    assert_eq!(line.tender, Tender::Transfer);
    assert_eq!(
        (line.payments, line.expected, line.counted, line.difference),
        (1, soles(57_998), Some(soles(58_998)), Some(soles(1_000)))
    );
    let over = z
        .reconciliation
        .differences
        .iter()
        .find(|d| d.kind == DifferenceKind::TransferOver)
        .expect("the transfers are over");
    assert_eq!(over.amount, soles(1_000));
    assert_eq!(
        z.transfers.groups,
        [
            tally(VoucherGroup::Validated, 1, 58_998),
            tally(VoucherGroup::Invalid, 1, 58_000),
            tally(VoucherGroup::InReview, 1, 58_000),
        ]
    );
    assert_eq!(z.transfers.open.len(), 1);
    let open = &z.transfers.open[0];
    assert_eq!(
        (
            open.voucher_id.as_str(),
            open.operation_number.as_str(),
            open.amount,
            &open.group
        ),
        (
            review.voucher_id.as_str(),
            "812345",
            soles(58_000),
            &VoucherGroup::InReview
        )
    );
    // Filed whole: the snapshot reads back the same, sealed into a chain that verifies.
    assert_eq!(till.z_report(z.number).await.unwrap(), z);
    assert_intact(till);

    // The papers: the PDF kept and the ticket on the thermal printer (a file).
    let dir = s.dir.path();
    std::fs::write(dir.join("thermal.bin"), b"").unwrap();
    let view = closing::deliver(z.clone(), settings(dir, Lang::Es), dir.to_owned(), false)
        .await
        .unwrap();
    let section = view.transfers.as_ref().expect("the view has the section");
    assert_eq!(section.groups[0].label, "Validada");
    assert_eq!(section.groups[0].amount.text, "S/ 589.98");
    assert_eq!(section.open[0].status_label, "En revisión");
    let text = pdf_text(Path::new(&view.pdf_path));
    assert_has(
        &text,
        &[
            "Transferencias (aPagos)",
            "Validada",
            "S/ 589.98",
            "Inválida",
            "En revisión",
            "Transferencias sin resolver",
            &review.voucher_id,
            "812345",
            "Transferencias: aPagos validó más",
            "S/ 10.00",
        ],
        "Z's PDF",
    );
    let bytes = std::fs::read(dir.join("thermal.bin")).unwrap();
    let ticket = escpos_decode::decode(&bytes).unwrap().texts().join("\n");
    assert_has(
        &ticket,
        &[
            "Transferencias (aPagos)",
            "Validada (1)",
            "S/ 589.98",
            "Inválida (1)",
            "En revisión (1)",
            &review.voucher_id,
            "op. 812345 · En revisión",
        ],
        "Z's ticket",
    );

    // In English, from the same snapshot.
    let english = closing::deliver(z, settings(dir, Lang::En), dir.to_owned(), true)
        .await
        .unwrap();
    assert_has(
        &pdf_text(Path::new(&english.pdf_path)),
        &[
            "Transfers (aPagos)",
            "Validated",
            "Invalid",
            "In review",
            "Transfers not settled",
            "Transfers: aPagos validated more",
        ],
        "English Z's PDF",
    );

    // The next shift has no voucher: no section, the snapshot without it, transfers not counted.
    till.open_shift(CashCount::parse("20=5").unwrap())
        .await
        .unwrap();
    till.count_closing(CashCount::parse("20=5").unwrap(), Soles::ZERO)
        .await
        .unwrap();
    let plain = till.close_shift(Some(&rosa())).await.unwrap();
    assert!(plain.transfers.is_empty());
    assert_eq!(plain.reconciliation.tenders[3].counted, None);
    let view = closing::deliver(plain, settings(dir, Lang::Es), dir.to_owned(), false)
        .await
        .unwrap();
    assert!(view.transfers.is_none());
    let text = pdf_text(Path::new(&view.pdf_path));
    assert!(!text.contains("aPagos"), "{text}");
    assert!(text.contains("no se cuenta en caja"), "{text}");
}

#[tokio::test]
async fn closing_reads_again_the_vouchers_waiting_for_apagos() {
    let s = store(&[ACCOUNT]).await;
    // aPagos decides only when told to.
    s.provider.apagos().set_timing(ApagosTiming {
        validation_delay_ms: 600_000,
        ..ApagosTiming::default()
    });
    let till = &s.till;
    till.open_shift(CashCount::default()).await.unwrap();
    let voucher = till
        .register_voucher(transfer("555555", ACCOUNT))
        .await
        .unwrap();
    let before = till.shift_status().await.unwrap().unwrap();
    assert_eq!(
        before.transfers.groups,
        [tally(VoucherGroup::Pending, 1, 58_000)]
    );
    // A transfer registered on its own pays no down payment: not the transfer line's.
    assert_eq!(before.reconciliation.tenders[3].counted, None);
    let request_id = voucher.request_id.clone().unwrap();
    s.provider
        .apagos()
        .set_status(request_id.as_str(), sandbox::VoucherStatus::Validated)
        .unwrap();
    till.count_closing(CashCount::default(), Soles::ZERO)
        .await
        .unwrap();
    let z = till.close_shift(Some(&rosa())).await.unwrap();
    assert_eq!(
        z.transfers.groups,
        [tally(VoucherGroup::Validated, 1, 58_000)]
    );
    assert!(z.transfers.open.is_empty());
    assert_eq!(z.reconciliation.tenders[3].counted, None);
    assert_intact(till);
}

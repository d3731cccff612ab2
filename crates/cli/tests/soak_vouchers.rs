//! The soak extended to bank transfers (aPagos vouchers): down payments paid by transfer through
//! `caja` processes while aPagos' simulator loses register answers, fails registers and `info` with 5xx
//! pages and drops `info` answers, aCuotaz breaks a share of `paid-and-billed`, aPagos answers
//! VALIDATED, INVALID, IN_REVIEW and corrected amounts, and other processes race passes over the
//! transfers; after a supervisor settles what is left, no voucher may be registered twice, nothing
//! billed before aPagos said VALIDATED nor twice, nothing lost, and the till must agree with aPagos.
//! The harness is `soak_vouchers_support` (on the down payment soak's process runner).

mod soak_support;
mod soak_vouchers_support;

use soak_vouchers_support::plan::{self, Fate};
use soak_vouchers_support::{VoucherSoakConfig, reviewed};

#[test]
fn vouchers_soak_registers_once_bills_only_validated_transfers_once_and_loses_nothing() {
    let defaults = VoucherSoakConfig::default();
    let seed = std::env::var("SOAK_SEED")
        .ok()
        .and_then(|seed| seed.parse().ok())
        .unwrap_or(defaults.seed);
    let config = VoucherSoakConfig { seed, ..defaults };
    let report = soak_vouchers_support::run(&config);
    println!("{report}");

    assert_eq!(report.registered_twice(), 0, "registered twice\n{report}");
    assert_eq!(
        report.billed_before_validated(),
        0,
        "billed before VALIDATED\n{report}"
    );
    assert_eq!(report.billed_twice(), 0, "billed twice\n{report}");
    assert_eq!(report.lost(), 0, "lost\n{report}");
    assert_eq!(report.disagreeing(), 0, "disagreeing\n{report}");
    assert!(
        report.settled.done,
        "the supervisor settled everything\n{report}"
    );
    assert_eq!(report.unexpected_exits(), 0, "only 0, 2, 3 and 4\n{report}");
    // The run must have been able to fail: registers lost and resolved, `info` failing, aCuotaz's
    // billing broken, passes racing, transfers billed and others never.
    let used: u32 = report.apagos_faults_used().iter().map(|(_, n)| n).sum();
    assert!(used >= 4, "aPagos faults hit requests\n{report}");
    assert!(
        report.settled.resolved_with_request_id >= 1,
        "a lost register resolved with aPagos' number\n{report}"
    );
    assert!(
        report.follower_passes >= config.sales,
        "passes raced\n{report}"
    );
    let paying = report.fates.iter().filter(|fate| fate.pays()).count();
    assert_eq!(
        report.verdict.sales_billed, paying,
        "every validated sale billed\n{report}"
    );
    if paying < config.sales {
        assert!(
            report.verdict.sales_billed < config.sales,
            "some never billed\n{report}"
        );
    }
    let corrected = report
        .fates
        .iter()
        .filter(|fate| **fate == Fate::Corrected)
        .count();
    assert_eq!(
        report.settled.accepted, corrected,
        "corrected amounts accepted\n{report}"
    );
}

#[test]
fn the_vouchers_plan_is_reproducible_and_has_every_fate() {
    let config = VoucherSoakConfig::default();
    let describe = |config: &VoucherSoakConfig| {
        plan::sales(config)
            .iter()
            .map(|sale| (sale.operation.clone(), sale.fate))
            .collect::<Vec<_>>()
    };
    assert_eq!(describe(&config), describe(&config));
    let other = VoucherSoakConfig {
        seed: config.seed + 1,
        ..config.clone()
    };
    assert_ne!(describe(&config), describe(&other));
    let sales = plan::sales(&config);
    for fate in [
        Fate::Validated,
        Fate::Corrected,
        Fate::Invalid,
        Fate::InReview { reviewed: true },
        Fate::InReview { reviewed: false },
    ] {
        assert!(sales.iter().any(|sale| sale.fate == fate), "{fate:?}");
    }
    let mut numbers: Vec<&str> = sales.iter().map(|sale| sale.operation.as_str()).collect();
    numbers.sort_unstable();
    numbers.dedup();
    assert_eq!(numbers.len(), sales.len(), "distinct operation numbers");
    for sale in &sales {
        let number = &sale.operation;
        assert_eq!(number.len(), 7, "{number}");
        assert_eq!(
            number.ends_with("77"),
            sale.fate == Fate::Corrected,
            "{number}"
        );
        assert_eq!(
            number.starts_with('9'),
            sale.fate == Fate::Invalid,
            "{number}"
        );
        let review = matches!(sale.fate, Fate::InReview { .. });
        assert_eq!(number.starts_with('8'), review, "{number}");
        assert!(!number.ends_with("66"), "{number}");
        assert_eq!(
            reviewed(sale.fate),
            sale.fate == Fate::InReview { reviewed: true }
        );
    }
}

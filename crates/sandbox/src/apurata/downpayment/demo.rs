//! The demo data the sandbox starts with, relative to its today, so that every screen and report has
//! something true to show. The named cases are constants so the README, the CLI and the tests can cite
//! them; the history is generated from each order's serial number alone (no randomness), so two
//! sandboxes started on the same day hold the same data. Soak runs can ask for extra financings
//! ([`soak_financings`], `SandboxConfig::extra_financings`), generated the same way.

use jiff::ToSpan;
use jiff::civil::{Date, DateTime};
use providers::apurata::downpayment::{DownpaymentChannel, PaymentOrigin};
use providers::money::Soles;

use crate::apurata::downpayment::financing::{Financing, Payment};

/// One hand-made financing of the seed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoCase {
    /// What the case is for, in a few words.
    pub label: &'static str,
    /// The applicant's DNI (for a RUC, the DNI inside it or the representative's).
    pub dni: &'static str,
    pub ruc: Option<&'static str>,
    pub funding_code: &'static str,
    pub order_id_serial: u32,
    pub purchase_total: Soles,
    pub downpayment_amount: Soles,
    pub channel: DownpaymentChannel,
    /// `Some(origin)`: the down payment was paid today with that origin.
    pub paid_today: Option<PaymentOrigin>,
    pub billed: bool,
}

/// The provider document's own test pair: down payment pending, to be paid at the till.
pub const DOCS_PAIR: DemoCase = DemoCase {
    label: "down payment pending, pay in store (the provider's documented test pair)",
    dni: "14159265",
    ruc: None,
    funding_code: "1234567",
    order_id_serial: 1,
    purchase_total: Soles::from_centimos(289_990),
    downpayment_amount: Soles::from_centimos(57_998),
    channel: DownpaymentChannel::Tienda,
    paid_today: None,
    billed: false,
};

/// Paid online by card today; the store only has to bill it.
pub const PAID_ONLINE: DemoCase = DemoCase {
    label: "down payment paid online by card, not billed yet",
    dni: "27182818",
    ruc: None,
    funding_code: "2718281",
    order_id_serial: 2,
    purchase_total: Soles::from_centimos(149_900),
    downpayment_amount: Soles::from_centimos(29_980),
    channel: DownpaymentChannel::ACuotaz,
    paid_today: Some(PaymentOrigin::Card),
    billed: false,
};

/// Paid at the till and billed today: nothing left to do but an undo.
pub const ALREADY_BILLED: DemoCase = DemoCase {
    label: "down payment paid in store and already billed",
    dni: "16180339",
    ruc: None,
    funding_code: "1618033",
    order_id_serial: 3,
    purchase_total: Soles::from_centimos(325_000),
    downpayment_amount: Soles::from_centimos(65_000),
    channel: DownpaymentChannel::Tienda,
    paid_today: Some(PaymentOrigin::External),
    billed: true,
};

/// A person's RUC (`10` + DNI 14142135 + check digit): may be billed and unbilled by RUC.
pub const PERSON_RUC: DemoCase = DemoCase {
    label: "person's RUC 10, down payment pending",
    dni: "14142135",
    ruc: Some("10141421358"),
    funding_code: "1414213",
    order_id_serial: 4,
    purchase_total: Soles::from_centimos(123_450),
    downpayment_amount: Soles::from_centimos(24_690),
    channel: DownpaymentChannel::Tienda,
    paid_today: None,
    billed: false,
};

/// A company's RUC 20 (representative's DNI 60123456): undo-billing refuses this RUC.
pub const COMPANY_RUC: DemoCase = DemoCase {
    label: "company RUC 20, down payment pending (undo-billing refuses RUC 20)",
    dni: "60123456",
    ruc: Some("20601234565"),
    funding_code: "5772156",
    order_id_serial: 5,
    purchase_total: Soles::from_centimos(1_245_000),
    downpayment_amount: Soles::from_centimos(249_000),
    channel: DownpaymentChannel::Tienda,
    paid_today: None,
    billed: false,
};

/// Paid in store today at another till of the store (or another system): in the day summary as paid in
/// the store, explained by no operation of this till, so a closing always has a row of another till to
/// name beside the ones it explains.
pub const OTHER_TILL: DemoCase = DemoCase {
    label: "down payment paid today at another till of the store, billed",
    dni: "69314718",
    ruc: None,
    funding_code: "6931471",
    order_id_serial: 6,
    purchase_total: Soles::from_centimos(89_900),
    downpayment_amount: Soles::from_centimos(17_980),
    channel: DownpaymentChannel::Tienda,
    paid_today: Some(PaymentOrigin::External),
    billed: true,
};

pub const CASES: [DemoCase; 6] = [
    DOCS_PAIR,
    PAID_ONLINE,
    ALREADY_BILLED,
    PERSON_RUC,
    COMPANY_RUC,
    OTHER_TILL,
];

/// A past day of generated, paid and billed orders.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HistoryDay {
    pub days_ago: i32,
    pub orders: u32,
}

/// Three ordinary days and one long day, long enough for the day report to run over several pages.
pub const HISTORY: [HistoryDay; 4] = [
    HistoryDay {
        days_ago: 1,
        orders: 7,
    },
    HistoryDay {
        days_ago: 2,
        orders: 5,
    },
    HistoryDay {
        days_ago: 3,
        orders: 8,
    },
    HistoryDay {
        days_ago: 7,
        orders: 60,
    },
];

/// Serial of the first generated order (`ACZ-YYYY-000100`); the named cases use 1 to 5.
pub const FIRST_HISTORY_SERIAL: u32 = 100;

/// Funding codes of generated orders are this plus the serial, far from the named cases' codes.
const HISTORY_CODE_BASE: u32 = 7_000_000;

/// The whole seed for a sandbox whose today is `today`: the named cases, then the history.
pub fn financings(today: Date) -> Vec<Financing> {
    let mut seed: Vec<Financing> = CASES
        .iter()
        .enumerate()
        .map(|(position, case)| named_case(case, today, position))
        .collect();
    let mut serial = FIRST_HISTORY_SERIAL;
    for day in HISTORY {
        let date = today.saturating_sub(day.days_ago.days());
        for index_in_day in 0..day.orders {
            seed.push(history_order(serial, date, index_in_day));
            serial += 1;
        }
    }
    seed
}

/// `ACZ-2026-000123`: the year of the order's day and a serial unique across the seed.
pub fn order_id(day: Date, serial: u32) -> String {
    format!("ACZ-{}-{serial:06}", day.year())
}

fn named_case(case: &DemoCase, today: Date, position: usize) -> Financing {
    let minutes = 30 * i64::try_from(position).unwrap_or(0);
    Financing {
        funding_code: case.funding_code.to_owned(),
        order_id: order_id(today, case.order_id_serial),
        dni: case.dni.to_owned(),
        ruc: case.ruc.map(str::to_owned),
        purchase_total: case.purchase_total,
        downpayment_amount: case.downpayment_amount,
        channel: case.channel,
        payment: case.paid_today.map(|origin| Payment {
            origin,
            paid_at: at_minutes_past(today, 10 * 60 + minutes),
        }),
        billed: case.billed,
    }
}

/// One generated order: every value is a function of its serial, spread so that days differ.
fn history_order(serial: u32, day: Date, index_in_day: u32) -> Financing {
    let serial64 = i64::from(serial);
    let origin = match serial % 3 {
        0 => PaymentOrigin::External,
        1 => PaymentOrigin::Card,
        _ => PaymentOrigin::Transfer,
    };
    let channel = match origin {
        PaymentOrigin::External => DownpaymentChannel::Tienda,
        PaymentOrigin::Card | PaymentOrigin::Transfer => DownpaymentChannel::ACuotaz,
    };
    // S/ 299.90 to about S/ 10,300, with céntimos that vary.
    let purchase_centimos = 29_990 + (serial64 * 7_919 % 400) * 2_500 + (serial64 % 10) * 90;
    let downpayment_percent = [10, 15, 20, 30][(serial % 4) as usize];
    let downpayment_centimos = (purchase_centimos * downpayment_percent + 50) / 100;
    Financing {
        funding_code: (HISTORY_CODE_BASE + serial).to_string(),
        order_id: order_id(day, serial),
        dni: format!("{:08}", 41_000_000 + serial64 * 104_729 % 9_000_000),
        ruc: None,
        purchase_total: Soles::from_centimos(purchase_centimos),
        downpayment_amount: Soles::from_centimos(downpayment_centimos),
        channel,
        payment: Some(Payment {
            origin,
            paid_at: at_minutes_past(day, 9 * 60 + 8 * i64::from(index_in_day)),
        }),
        billed: true,
    }
}

/// Funding codes of soak financings are this plus their index: `8000000`, `8000001`, ...
pub const SOAK_CODE_BASE: u32 = 8_000_000;

/// DNIs of soak financings are this plus their index, far from every other seeded DNI.
const SOAK_DNI_BASE: u32 = 80_000_000;

/// Order serials of soak financings are this plus their index, past the history's serials.
const SOAK_SERIAL_BASE: u32 = 1_000_000;

/// The most soak financings there can be while their codes keep 7 digits and their DNIs 8.
pub const MAX_SOAK_FINANCINGS: u32 = 1_000_000;

/// `count` extra financings for soak runs (at most [`MAX_SOAK_FINANCINGS`]; more are cut to it): each
/// one PENDING, channel Tienda, not billed, funding code `8000000 + i`, DNI `80000000 + i` (distinct,
/// 8 digits, no RUC), amounts derived from `i` alone (a purchase from S/ 500.00 to about S/ 3,500, a
/// down payment of 10 to 30 % of it). Until one is paid it is in no day summary, so `today` only dates
/// the order id.
pub fn soak_financings(count: u32, today: Date) -> Vec<Financing> {
    (0..count.min(MAX_SOAK_FINANCINGS))
        .map(|index| {
            let index64 = i64::from(index);
            let purchase_centimos = 50_000 + (index64 * 7_919 % 300) * 1_000 + (index64 % 10) * 70;
            let downpayment_percent = [10, 15, 20, 30][(index % 4) as usize];
            let downpayment_centimos = (purchase_centimos * downpayment_percent + 50) / 100;
            Financing {
                funding_code: (SOAK_CODE_BASE + index).to_string(),
                order_id: order_id(today, SOAK_SERIAL_BASE + index),
                dni: (SOAK_DNI_BASE + index).to_string(),
                ruc: None,
                purchase_total: Soles::from_centimos(purchase_centimos),
                downpayment_amount: Soles::from_centimos(downpayment_centimos),
                channel: DownpaymentChannel::Tienda,
                payment: None,
                billed: false,
            }
        })
        .collect()
}

fn at_minutes_past(day: Date, minutes: i64) -> DateTime {
    day.to_datetime(jiff::civil::Time::midnight())
        .saturating_add(minutes.minutes())
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    #[test]
    fn seed_is_deterministic_and_unique() {
        let today = jiff::civil::date(2026, 3, 10);
        let seed = financings(today);
        assert_eq!(seed, financings(today));
        let history: u32 = HISTORY.iter().map(|day| day.orders).sum();
        assert_eq!(seed.len(), CASES.len() + history as usize);
        let codes: BTreeSet<_> = seed.iter().map(|f| &f.funding_code).collect();
        let order_ids: BTreeSet<_> = seed.iter().map(|f| &f.order_id).collect();
        assert_eq!(codes.len(), seed.len());
        assert_eq!(order_ids.len(), seed.len());
        assert!(
            seed.iter()
                .all(|f| f.dni.len() == 8 && f.funding_code.len() <= 16)
        );
        assert!(seed.iter().all(|f| f.downpayment_amount < f.purchase_total));
    }

    #[test]
    fn history_days_mix_origins_and_amounts() {
        let today = jiff::civil::date(2026, 1, 2);
        let seed = financings(today);
        for day in HISTORY {
            let date = today.saturating_sub(day.days_ago.days());
            let orders: Vec<_> = seed.iter().filter(|f| f.paid_on() == Some(date)).collect();
            assert_eq!(orders.len(), day.orders as usize);
            assert!(orders.iter().all(|f| f.billed));
            let origins: BTreeSet<_> = orders
                .iter()
                .map(|f| format!("{:?}", f.payment.map(|p| p.origin)))
                .collect();
            assert_eq!(origins.len(), 3, "{date}");
            let amounts: BTreeSet<_> = orders.iter().map(|f| f.downpayment_amount).collect();
            assert!(amounts.len() > orders.len() / 2, "{date}");
        }
        // A history day in the previous year carries that year in its order ids.
        let long_day = seed
            .iter()
            .find(|f| f.paid_on() == Some(jiff::civil::date(2025, 12, 26)));
        assert!(long_day.unwrap().order_id.starts_with("ACZ-2025-"));
    }

    #[test]
    fn soak_financings_are_pending_distinct_and_apart_from_the_seed() {
        use providers::apurata::downpayment::DownpaymentStatus;
        let today = jiff::civil::date(2026, 3, 10);
        assert!(soak_financings(0, today).is_empty());
        let soak = soak_financings(500, today);
        assert_eq!(soak, soak_financings(500, today));
        assert_eq!(soak.len(), 500);
        assert_eq!(soak[0].funding_code, "8000000");
        assert_eq!(soak[499].funding_code, "8000499");
        assert!(soak.iter().all(|f| f.status() == DownpaymentStatus::Pending
            && f.channel == DownpaymentChannel::Tienda
            && !f.billed
            && f.ruc.is_none()
            && f.dni.len() == 8
            && f.funding_code.len() == 7
            && f.downpayment_amount < f.purchase_total));
        let seed = financings(today);
        let seed_dnis: BTreeSet<_> = seed.iter().map(|f| &f.dni).collect();
        let soak_dnis: BTreeSet<_> = soak.iter().map(|f| &f.dni).collect();
        assert_eq!(soak_dnis.len(), soak.len());
        assert!(seed_dnis.is_disjoint(&soak_dnis));
        let amounts: BTreeSet<_> = soak.iter().map(|f| f.downpayment_amount).collect();
        assert!(amounts.len() > 100, "{}", amounts.len());
        let mut all = seed;
        all.extend(soak);
        let codes: BTreeSet<_> = all.iter().map(|f| &f.funding_code).collect();
        let order_ids: BTreeSet<_> = all.iter().map(|f| &f.order_id).collect();
        assert_eq!(codes.len(), all.len());
        assert_eq!(order_ids.len(), all.len());
    }

    #[test]
    fn check_digits_of_the_demo_rucs_are_valid() {
        fn check_digit_ok(ruc: &str) -> bool {
            let digits: Vec<u32> = ruc.chars().filter_map(|c| c.to_digit(10)).collect();
            let weights = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
            let sum: u32 = digits.iter().zip(weights).map(|(d, w)| d * w).sum();
            let check = (11 - sum % 11) % 10;
            digits.len() == 11 && digits[10] == check
        }
        assert!(check_digit_ok(PERSON_RUC.ruc.unwrap()));
        assert!(check_digit_ok(COMPANY_RUC.ruc.unwrap()));
        assert_eq!(&PERSON_RUC.ruc.unwrap()[2..10], PERSON_RUC.dni);
    }
}

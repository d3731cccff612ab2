//! The three-way reconciliation of a shift: what this till's journal says was collected (by tender),
//! what aCuotaz's day summary says was paid in the store, and what was counted (transfers: what aPagos
//! validated). Pure: it reads the facts it is given and names every difference; storing, fetching and
//! approving are the shift's.
//!
//! How a payment is matched to a summary row is [`super::matching`]'s.

use jiff::Timestamp;
use jiff::civil::Date;
use providers::Soles;
use serde::{Deserialize, Serialize};

use crate::journal::{JournalEntry, OperationKind, OperationState};
use crate::summary::DaySummary;
use crate::tender::Tender;

/// What kind of difference a line of the reconciliation is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum DifferenceKind {
    /// aCuotaz shows a down payment paid in the store that no operation of this till explains: another
    /// till, or another system.
    PaidElsewhere,
    /// This till confirmed a payment that aCuotaz's summary does not show.
    MissingAtProvider,
    /// A billing undone in this shift: the product stayed, the down payment stays paid and in the drawer.
    UndoneInDrawer,
    /// More cash counted than expected.
    CashOver,
    /// Less cash counted than expected.
    CashShort,
    /// The card terminal's batch total differs from the card payments.
    CardOver,
    CardShort,
    /// What aPagos validated for this shift's transfer vouchers differs from the transfer payments.
    TransferOver,
    TransferShort,
    /// aCuotaz's summary could not be fetched and no copy is kept: the provider's side is not checked.
    SummaryUnavailable,
    /// A payment made without a check on this till first: what it collected is not known.
    AmountUnknown,
}

impl DifferenceKind {
    /// Whether Caja can say where it comes from (another till, an undo); cash, card and transfers over
    /// or short, a missing payment and a missing summary are for a supervisor to explain.
    pub fn is_explained(self) -> bool {
        matches!(
            self,
            DifferenceKind::PaidElsewhere | DifferenceKind::UndoneInDrawer
        )
    }
}

/// One named difference.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Difference {
    pub kind: DifferenceKind,
    /// Signed: counted minus expected for the count; the order's amount otherwise.
    #[cfg_attr(feature = "typescript", ts(type = "number"))]
    pub amount: Soles,
    /// aCuotaz's order, when the line is about one.
    pub order_id: Option<String>,
    /// The customer's document as the provider or the journal has it (the fronts mask it).
    pub document: Option<String>,
    /// This till's operation, when the line is about one.
    pub operation_id: Option<i64>,
    pub funding_code: Option<String>,
}

/// Expected against counted for one tender.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct TenderLine {
    pub tender: Tender,
    pub payments: u32,
    /// What the journal says is there (for cash: float, payments, cash in and out).
    #[cfg_attr(feature = "typescript", ts(type = "number"))]
    pub expected: Soles,
    /// What was counted; none for tenders not counted at the till (Yape/Plin), and before the blind
    /// count. For transfers, what aPagos validated of the shift's vouchers (none without vouchers).
    #[cfg_attr(feature = "typescript", ts(type = "number | null"))]
    pub counted: Option<Soles>,
    #[cfg_attr(feature = "typescript", ts(type = "number | null"))]
    pub difference: Option<Soles>,
}

/// How the cash expected in the drawer is made up.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct CashExpected {
    #[cfg_attr(feature = "typescript", ts(type = "number"))]
    pub opening_float: Soles,
    #[cfg_attr(feature = "typescript", ts(type = "number"))]
    pub payments: Soles,
    #[cfg_attr(feature = "typescript", ts(type = "number"))]
    pub cash_in: Soles,
    #[cfg_attr(feature = "typescript", ts(type = "number"))]
    pub cash_out: Soles,
    #[cfg_attr(feature = "typescript", ts(type = "number"))]
    pub expected: Soles,
}

/// aCuotaz's side: the summary used and what it says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ProviderSide {
    #[cfg_attr(feature = "typescript", ts(type = "string"))]
    pub day: Date,
    #[cfg_attr(feature = "typescript", ts(type = "string"))]
    pub fetched_at: Timestamp,
    pub from_cache: bool,
    /// `total_paid_in_store` of the day, all tills.
    #[cfg_attr(feature = "typescript", ts(type = "number"))]
    pub total_paid_in_store: Soles,
    /// The rows paid in the store matched by this shift's payments, and their sum.
    pub matched: u32,
    #[cfg_attr(feature = "typescript", ts(type = "number"))]
    pub matched_amount: Soles,
    /// This shift's payments that collected money (what the summary should show).
    pub this_shift: u32,
    #[cfg_attr(feature = "typescript", ts(type = "number"))]
    pub this_shift_amount: Soles,
    /// Rows paid in the store by this till in earlier shifts of the day.
    #[cfg_attr(feature = "typescript", ts(type = "number"))]
    pub earlier_shifts_amount: Soles,
    /// Rows paid in the store that no payment of this till explains.
    #[cfg_attr(feature = "typescript", ts(type = "number"))]
    pub elsewhere_amount: Soles,
}

/// The whole reconciliation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Reconciliation {
    pub cash: CashExpected,
    pub tenders: Vec<TenderLine>,
    pub provider: Option<ProviderSide>,
    pub differences: Vec<Difference>,
    /// The tolerance in force, and whether closing needs a supervisor's PIN and reason.
    #[cfg_attr(feature = "typescript", ts(type = "number"))]
    pub tolerance: Soles,
    pub needs_approval: bool,
}

/// What the reconciliation reads.
pub struct Facts<'a> {
    pub opening_float: Soles,
    pub cash_in: Soles,
    pub cash_out: Soles,
    /// This shift's journal rows.
    pub operations: &'a [JournalEntry],
    /// This till's confirmed payments of earlier shifts on the summary's day.
    pub earlier_payments: &'a [JournalEntry],
    pub summary: Option<&'a DaySummary>,
    /// Whether the till sells with aCuotaz, whose summary is then part of the reconciliation (a
    /// missing one is a difference); a store in Spain has none to miss.
    pub summary_expected: bool,
    /// The blind count: cash and the card terminal's batch total.
    pub counted: Option<(Soles, Soles)>,
    /// What aPagos validated of this shift's transfer vouchers (see [`super::transfers`]): the transfer
    /// line's counted amount. None when the shift has no voucher (a till without aPagos).
    pub transfers_validated: Option<Soles>,
    pub tolerance: Soles,
}

/// Reconciles a shift. Linear in the operations and the summary's rows.
pub fn reconcile(facts: &Facts<'_>) -> Reconciliation {
    let payments: Vec<&JournalEntry> = facts
        .operations
        .iter()
        .filter(|entry| entry.collected().centimos() > 0)
        .collect();
    let mut tenders = tender_lines(&payments);
    let cash_payments = tenders[0].expected;
    let cash = CashExpected {
        opening_float: facts.opening_float,
        payments: cash_payments,
        cash_in: facts.cash_in,
        cash_out: facts.cash_out,
        expected: Soles::from_centimos(
            facts.opening_float.centimos() + cash_payments.centimos() + facts.cash_in.centimos()
                - facts.cash_out.centimos(),
        ),
    };
    tenders[0].expected = cash.expected;
    let mut differences = Vec::new();
    let mut counts = Vec::new();
    if let Some((cash_counted, card_counted)) = facts.counted {
        counts.push((
            Tender::Cash,
            cash_counted,
            DifferenceKind::CashOver,
            DifferenceKind::CashShort,
        ));
        counts.push((
            Tender::Card,
            card_counted,
            DifferenceKind::CardOver,
            DifferenceKind::CardShort,
        ));
    }
    // aPagos' validation is the transfers' count, as the terminal's batch is the cards': known without
    // the blind count, since the cashier does not make it.
    if let Some(validated) = facts.transfers_validated {
        counts.push((
            Tender::Transfer,
            validated,
            DifferenceKind::TransferOver,
            DifferenceKind::TransferShort,
        ));
    }
    for (tender, counted, over, short) in counts {
        let Some(line) = tenders.iter_mut().find(|line| line.tender == tender) else {
            continue;
        };
        let difference = counted.centimos() - line.expected.centimos();
        line.counted = Some(counted);
        line.difference = Some(Soles::from_centimos(difference));
        if difference != 0 {
            differences.push(Difference {
                kind: if difference > 0 { over } else { short },
                amount: Soles::from_centimos(difference),
                order_id: None,
                document: None,
                operation_id: None,
                funding_code: None,
            });
        }
    }
    let provider = match facts.summary {
        Some(summary) => Some(super::matching::provider_side(
            summary,
            &payments,
            facts,
            &mut differences,
        )),
        None if !facts.summary_expected => None,
        None => {
            differences.push(Difference {
                kind: DifferenceKind::SummaryUnavailable,
                amount: Soles::ZERO,
                order_id: None,
                document: None,
                operation_id: None,
                funding_code: None,
            });
            None
        }
    };
    for blind in facts.operations.iter().filter(|entry| {
        entry.kind == OperationKind::PaidAndBilled
            && entry.state == OperationState::Confirmed
            && entry.collect.is_none()
            && entry.downpayment_amount.is_none()
    }) {
        differences.push(Difference {
            kind: DifferenceKind::AmountUnknown,
            amount: Soles::ZERO,
            order_id: None,
            document: Some(blind.customer.number().to_owned()),
            operation_id: Some(blind.id),
            funding_code: Some(blind.funding_code.to_string()),
        });
    }
    for undo in facts.operations.iter().filter(|entry| {
        entry.kind == OperationKind::UndoBilling && entry.state == OperationState::Confirmed
    }) {
        differences.push(Difference {
            kind: DifferenceKind::UndoneInDrawer,
            amount: undo.downpayment_amount.unwrap_or(Soles::ZERO),
            order_id: None,
            document: Some(undo.customer.number().to_owned()),
            operation_id: Some(undo.id),
            funding_code: Some(undo.funding_code.to_string()),
        });
    }
    let over_tolerance = |amount: Soles| amount.centimos().abs() > facts.tolerance.centimos();
    let needs_approval = differences.iter().any(|difference| match difference.kind {
        DifferenceKind::CashOver
        | DifferenceKind::CashShort
        | DifferenceKind::CardOver
        | DifferenceKind::CardShort
        | DifferenceKind::TransferOver
        | DifferenceKind::TransferShort => over_tolerance(difference.amount),
        DifferenceKind::MissingAtProvider
        | DifferenceKind::SummaryUnavailable
        | DifferenceKind::AmountUnknown => true,
        DifferenceKind::PaidElsewhere | DifferenceKind::UndoneInDrawer => false,
    });
    Reconciliation {
        cash,
        tenders,
        provider,
        differences,
        tolerance: facts.tolerance,
        needs_approval,
    }
}

/// One line per pickable tender, in their order (cash first, then card), with the payments' sums.
fn tender_lines(payments: &[&JournalEntry]) -> Vec<TenderLine> {
    let mut lines: Vec<TenderLine> = Tender::PICKABLE
        .iter()
        .map(|tender| TenderLine {
            tender: *tender,
            payments: 0,
            expected: Soles::ZERO,
            counted: None,
            difference: None,
        })
        .collect();
    for payment in payments {
        let tender = payment.tender();
        let index = Tender::PICKABLE.iter().position(|t| *t == tender);
        let line = match index {
            Some(index) => &mut lines[index],
            None => {
                if lines.last().map(|line| line.tender) != Some(Tender::Unknown) {
                    lines.push(TenderLine {
                        tender: Tender::Unknown,
                        payments: 0,
                        expected: Soles::ZERO,
                        counted: None,
                        difference: None,
                    });
                }
                lines.last_mut().expect("just pushed")
            }
        };
        line.payments += 1;
        line.expected =
            Soles::from_centimos(line.expected.centimos() + payment.collected().centimos());
    }
    lines
}

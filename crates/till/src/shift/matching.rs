//! How this till's payments are matched to the rows of aCuotaz's day summary paid in the store
//! (`external`): by the customer's DNI (a person's RUC 10 carries it) and the amount; a company's RUC 20
//! does not carry the applicant's DNI, so it is matched by amount alone. Rows matched by payments of
//! earlier shifts of the same day belong to those shifts and are left out; the rest are paid elsewhere.

use std::collections::HashMap;

use providers::Soles;
use providers::apurata::downpayment::{CustomerId, PaymentOrigin};

use super::reconcile::{Difference, DifferenceKind, Facts, ProviderSide};
use crate::journal::JournalEntry;
use crate::summary::DaySummary;

/// The DNI a summary row would carry for this customer, when the document holds it.
fn dni_of(customer: &CustomerId) -> Option<&str> {
    match customer {
        CustomerId::Dni(dni) => Some(dni.as_str()),
        CustomerId::Ruc(ruc) if ruc.as_str().starts_with("10") => Some(&ruc.as_str()[2..10]),
        CustomerId::Ruc(_) => None,
    }
}

pub(super) fn provider_side(
    summary: &DaySummary,
    payments: &[&JournalEntry],
    facts: &Facts<'_>,
    differences: &mut Vec<Difference>,
) -> ProviderSide {
    // Unmatched rows paid in the store, by (dni, amount) and by amount alone, as positions.
    let in_store: Vec<usize> = summary
        .orders
        .iter()
        .enumerate()
        .filter(|(_, order)| order.payment_origin == PaymentOrigin::External)
        .map(|(position, _)| position)
        .collect();
    let mut taken = vec![false; summary.orders.len()];
    let mut by_key: HashMap<(String, i64), Vec<usize>> = HashMap::new();
    let mut by_amount: HashMap<i64, Vec<usize>> = HashMap::new();
    for position in in_store.iter().rev() {
        let order = &summary.orders[*position];
        by_key
            .entry((order.dni.clone(), order.amount.centimos()))
            .or_default()
            .push(*position);
        by_amount
            .entry(order.amount.centimos())
            .or_default()
            .push(*position);
    }
    let mut take = |customer: &CustomerId, amount: Soles| -> bool {
        let candidates = match dni_of(customer) {
            Some(dni) => by_key.get_mut(&(dni.to_owned(), amount.centimos())),
            None => by_amount.get_mut(&amount.centimos()),
        };
        if let Some(candidates) = candidates {
            while let Some(position) = candidates.pop() {
                if !taken[position] {
                    taken[position] = true;
                    return true;
                }
            }
        }
        false
    };
    let mut earlier_shifts_amount = 0;
    for earlier in facts
        .earlier_payments
        .iter()
        .filter(|e| e.collected().centimos() > 0)
    {
        if take(&earlier.customer, earlier.collected()) {
            earlier_shifts_amount += earlier.collected().centimos();
        }
    }
    let (mut matched, mut matched_amount, mut this_shift_amount) = (0, 0, 0);
    for payment in payments {
        let collected = payment.collected();
        this_shift_amount += collected.centimos();
        if take(&payment.customer, collected) {
            matched += 1;
            matched_amount += collected.centimos();
        } else {
            differences.push(Difference {
                kind: DifferenceKind::MissingAtProvider,
                amount: collected,
                order_id: None,
                document: Some(payment.customer.number().to_owned()),
                operation_id: Some(payment.id),
                funding_code: Some(payment.funding_code.to_string()),
            });
        }
    }
    let mut elsewhere_amount = 0;
    for position in in_store {
        if !taken[position] {
            let order = &summary.orders[position];
            elsewhere_amount += order.amount.centimos();
            differences.push(Difference {
                kind: DifferenceKind::PaidElsewhere,
                amount: order.amount,
                order_id: Some(order.order_id.clone()),
                document: Some(order.dni.clone()),
                operation_id: None,
                funding_code: None,
            });
        }
    }
    ProviderSide {
        day: summary.day,
        fetched_at: summary.fetched_at,
        from_cache: summary.from_cache,
        total_paid_in_store: summary.totals.total_paid_in_store,
        matched,
        matched_amount: Soles::from_centimos(matched_amount),
        this_shift: u32::try_from(payments.len()).unwrap_or(u32::MAX),
        this_shift_amount: Soles::from_centimos(this_shift_amount),
        earlier_shifts_amount: Soles::from_centimos(earlier_shifts_amount),
        elsewhere_amount: Soles::from_centimos(elsewhere_amount),
    }
}

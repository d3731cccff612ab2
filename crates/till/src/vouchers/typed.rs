//! What the cashier typed for a voucher, checked field by field before anything is journaled: a
//! positive amount, an operation number of digits, one of the store's accounts, a full name, a short
//! detail, an `https` receipt and webhook (plain http to this machine only), a transfer date not in
//! the future. Each refusal names its field.

use super::model::NewTransferVoucher;
use crate::error::{InputProblem, TillError, VoucherError};
use crate::voucher_setup::VouchersLink;

const NAME_CHARS: std::ops::RangeInclusive<usize> = 3..=100;
const DETAIL_CHARS: usize = 200;
const OPERATION_DIGITS: std::ops::RangeInclusive<usize> = 4..=20;

/// The typed voucher, each field checked.
pub(super) fn checked(
    link: &VouchersLink,
    mut new: NewTransferVoucher,
) -> Result<NewTransferVoucher, TillError> {
    if new.amount.centimos() <= 0 {
        return Err(TillError::invalid(
            "amount",
            &new.amount.to_string(),
            InputProblem::Amount,
        ));
    }
    let bad = |field: &'static str, value: &str| -> TillError {
        VoucherError::InvalidField {
            field,
            value: value.to_owned(),
        }
        .into()
    };
    new.operation_number = new.operation_number.trim().to_owned();
    let digits = new.operation_number.chars().count();
    if !OPERATION_DIGITS.contains(&digits)
        || !new.operation_number.chars().all(|c| c.is_ascii_digit())
    {
        return Err(bad("operation_number", &new.operation_number));
    }
    new.bank_account_id = new.bank_account_id.trim().to_owned();
    if !link.setup.bank_accounts.contains(&new.bank_account_id) {
        return Err(VoucherError::UnknownBankAccount {
            account: new.bank_account_id,
            known: link.setup.bank_accounts.clone(),
        }
        .into());
    }
    new.customer_fullname = new
        .customer_fullname
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if !NAME_CHARS.contains(&new.customer_fullname.chars().count()) {
        return Err(bad("customer_fullname", &new.customer_fullname));
    }
    new.detail = new
        .detail
        .map(|text| text.trim().to_owned())
        .filter(|text| !text.is_empty());
    if let Some(detail) = &new.detail
        && detail.chars().count() > DETAIL_CHARS
    {
        return Err(bad("detail", detail));
    }
    // aPagos fetches both from the internet: https, or plain http to this machine (the simulator, a
    // Central under test).
    let reachable = |url: &url::Url| {
        providers::target::check_target(url, providers::PlainHttp::LoopbackOnly).is_ok()
    };
    if !reachable(&new.receipt) {
        return Err(bad("receipt", new.receipt.as_str()));
    }
    if !reachable(&new.webhook) {
        return Err(bad("webhook", new.webhook.as_str()));
    }
    let today = crate::clock::lima_day(jiff::Timestamp::now());
    if new.date > today {
        return Err(bad("date", &new.date.to_string()));
    }
    Ok(new)
}

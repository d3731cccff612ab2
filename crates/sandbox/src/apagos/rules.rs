//! What the validation decides for one voucher, from the data the register typed: the deterministic
//! rules of the module doc (`apagos`), so a test picks an outcome by what it types.

use jiff::civil::Date;
use providers::money::Soles;
use reqwest::Url;

use crate::apagos::voucher::{Matched, Registration, VoucherStatus};

/// The receipt formats the document supports (`jpg` too: the document's own example is one).
pub(crate) const RECEIPT_FORMATS: [&str; 10] = [
    "jpeg", "jpg", "png", "gif", "bmp", "webp", "raw", "ico", "pdf", "tiff",
];

/// What the receipt reading corrects on a voucher whose operation number ends in `77`.
pub(crate) const CORRECTED_AMOUNT_DELTA: Soles = Soles::from_centimos(1000);

/// The validation's decision: the status, and for `VALIDATED` the matched values and the bank's
/// operation number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Decision {
    pub(crate) status: VoucherStatus,
    pub(crate) matched: Option<(Matched, String)>,
}

pub(crate) fn decide(typed: &Registration, accounts: &[String]) -> Decision {
    let operation = typed.operation_number.trim();
    let status = if !receipt_supported(&typed.receipt) || operation.starts_with('9') {
        VoucherStatus::Invalid
    } else if operation.starts_with('8') {
        VoucherStatus::Other("IN_REVIEW".to_owned())
    } else {
        VoucherStatus::Validated
    };
    let matched = (status == VoucherStatus::Validated).then(|| validated(typed, accounts));
    Decision { status, matched }
}

/// The values a `VALIDATED` voucher holds (what an admin validation applies too): the typed ones,
/// corrected by the `77` and `66` rules, with the bank's operation number.
pub(crate) fn validated(typed: &Registration, accounts: &[String]) -> (Matched, String) {
    let mut matched = Matched::typed(typed);
    let operation = typed.operation_number.trim();
    if operation.ends_with("77") {
        matched.amount = typed
            .amount
            .checked_add(CORRECTED_AMOUNT_DELTA)
            .unwrap_or(typed.amount);
        matched.date = typed.date.yesterday().unwrap_or(Date::MIN);
        matched.operation_number = format!("00{}", typed.operation_number);
    } else if operation.ends_with("66") {
        let at = accounts
            .iter()
            .position(|account| *account == typed.bank_account_id);
        if let Some(at) = at {
            matched.bank_account_id = accounts[(at + 1) % accounts.len()].clone();
        }
    }
    let bank_operation_number = format!("0001{}", matched.operation_number);
    (matched, bank_operation_number)
}

/// Whether the receipt's format is supported: the extension of its path's last segment (query and
/// fragment aside), any case; a receipt without an extension is not judged.
pub(crate) fn receipt_supported(receipt: &str) -> bool {
    let Ok(url) = Url::parse(receipt.trim()) else {
        return false;
    };
    let last = url.path().rsplit('/').next().unwrap_or_default();
    match last.rsplit_once('.') {
        Some((stem, extension)) if !stem.is_empty() => RECEIPT_FORMATS
            .iter()
            .any(|format| format.eq_ignore_ascii_case(extension)),
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(operation_number: &str, receipt: &str) -> Registration {
        Registration {
            amount: Soles::from_centimos(12330),
            date: jiff::civil::date(2020, 10, 30),
            operation_number: operation_number.to_owned(),
            bank_account_id: "INTERBANK-003".to_owned(),
            order_id: "1001".to_owned(),
            webhook: "https://example.com/hook".to_owned(),
            customer_dni: "12345678".to_owned(),
            customer_fullname: "Juan".to_owned(),
            receipt: receipt.to_owned(),
            detail: None,
            extra: None,
        }
    }

    fn accounts() -> Vec<String> {
        ["BBVA", "BCP-SOLES-001", "INTERBANK-003"]
            .map(str::to_owned)
            .to_vec()
    }

    #[test]
    fn each_rule_decides_as_documented() {
        let jpg = "https://img.example.com/receipt.JPG?size=2";
        let status = |op: &str, receipt: &str| decide(&typed(op, receipt), &accounts()).status;
        assert_eq!(status("696", jpg), VoucherStatus::Validated);
        assert_eq!(status("9123", jpg), VoucherStatus::Invalid);
        assert_eq!(
            status("8123", jpg),
            VoucherStatus::Other("IN_REVIEW".into())
        );
        assert_eq!(
            status("696", "https://x.com/r.docx"),
            VoucherStatus::Invalid
        );
        assert_eq!(
            status("696", "https://x.com/receipts/42"),
            VoucherStatus::Validated
        );
        assert_eq!(
            status("696", "https://x.com/r.tiff"),
            VoucherStatus::Validated
        );

        let (matched, bank) = validated(&typed("12377", jpg), &accounts());
        assert_eq!(matched.amount, Soles::from_centimos(13330));
        assert_eq!(matched.date, jiff::civil::date(2020, 10, 29));
        assert_eq!(
            (matched.operation_number.as_str(), bank.as_str()),
            ("0012377", "00010012377")
        );

        let (matched, bank) = validated(&typed("1266", jpg), &accounts());
        assert_eq!(matched.bank_account_id, "BBVA");
        assert_eq!(
            (matched.amount, bank.as_str()),
            (Soles::from_centimos(12330), "00011266")
        );
    }
}

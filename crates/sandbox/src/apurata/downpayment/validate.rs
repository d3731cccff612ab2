//! The format rules of the request fields, turning what arrived (query pairs or a JSON body, however
//! malformed) into a checked request or the documented `400` body: one key per bad field.
//!
//! Rules: `dni` is exactly 8 ASCII digits, `ruc` exactly 11 (format only: the till checks the RUC's
//! check digit before sending, the sandbox does not), `funding_code` 1 to 16 ASCII digits. An empty
//! value counts as absent. With neither `dni` nor `ruc` the error is reported on `dni`, the field the
//! document's examples use. When both are sent each is checked, and both must belong to the financing.
//! `undo-billing` further refuses a RUC that does not start with `10` (a person's RUC).

use jiff::civil::Date;
use providers::apurata::downpayment::{DaySummaryQuery, FieldErrors, OperationRequest, messages};
use serde_json::Value;

/// The 400 message of `undo-billing` for a RUC that is not a person's (`10...`). The document only says
/// "Only RUCs starting with '10' are supported"; the sandbox answers it as a field error on `ruc`.
pub const ONLY_RUC_10: &str = "Only RUCs starting with 10 are supported";

/// A request field as it arrived.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Field {
    /// Not sent, `null`, or the empty string.
    Absent,
    Text(String),
    /// Sent as a JSON number, boolean, list or object: never a valid value.
    NotText,
}

impl Field {
    fn from_text(text: Option<String>) -> Field {
        match text {
            Some(text) if !text.is_empty() => Field::Text(text),
            _ => Field::Absent,
        }
    }

    fn from_json(value: Option<&Value>) -> Field {
        match value {
            None | Some(Value::Null) => Field::Absent,
            Some(Value::String(text)) => Field::from_text(Some(text.clone())),
            Some(_) => Field::NotText,
        }
    }
}

/// The identity and funding code of an `info`, `paid-and-billed` or `undo-billing` request, unchecked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RawLookup {
    pub dni: Field,
    pub ruc: Field,
    pub funding_code: Field,
}

/// Both the `info` query and the operation bodies ([`providers::apurata::downpayment::InfoQuery`] is
/// the same type).
impl From<OperationRequest> for RawLookup {
    fn from(request: OperationRequest) -> Self {
        RawLookup {
            dni: Field::from_text(request.dni),
            ruc: Field::from_text(request.ruc),
            funding_code: Field::from_text(Some(request.funding_code)),
        }
    }
}

impl RawLookup {
    /// Reads a POST body. A body that is not the documented shape is read field by field, and a body
    /// that is not a JSON object at all counts as one with no fields, so the answer is always the
    /// documented field errors rather than a framework's text.
    pub(crate) fn from_json_body(body: &[u8]) -> Self {
        if let Ok(request) = serde_json::from_slice::<OperationRequest>(body) {
            return request.into();
        }
        let object = serde_json::from_slice::<Value>(body).ok();
        let field = |name: &str| Field::from_json(object.as_ref().and_then(|o| o.get(name)));
        RawLookup {
            dni: field("dni"),
            ruc: field("ruc"),
            funding_code: field("funding_code"),
        }
    }
}

/// Which RUCs an endpoint accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RucRule {
    Any,
    /// `undo-billing`: only a person's RUC.
    PersonOnly,
}

/// A customer document that passed the format rules above. Not the client's `CustomerId`, whose `Ruc`
/// also needs a correct check digit: the sandbox judges the format only, like the provider, and must
/// answer an 11-digit RUC with a wrong check digit as the provider would, not refuse to represent it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Document {
    Dni(String),
    Ruc(String),
}

/// A request whose fields are well formed: one or two identities and a funding code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Lookup {
    pub funding_code: String,
    pub customers: Vec<Document>,
}

pub(crate) fn lookup(raw: RawLookup, ruc_rule: RucRule) -> Result<Lookup, FieldErrors> {
    let mut errors = FieldErrors::new();
    let mut customers = Vec::new();
    if raw.dni == Field::Absent && raw.ruc == Field::Absent {
        errors.insert("dni".into(), messages::DNI_FORMAT.into());
    }
    match raw.dni {
        Field::Absent => {}
        Field::Text(dni) if all_digits(&dni, 8..=8) => customers.push(Document::Dni(dni)),
        _ => {
            errors.insert("dni".into(), messages::DNI_FORMAT.into());
        }
    }
    match raw.ruc {
        Field::Absent => {}
        Field::Text(ruc) if all_digits(&ruc, 11..=11) => {
            if ruc_rule == RucRule::PersonOnly && !ruc.starts_with("10") {
                errors.insert("ruc".into(), ONLY_RUC_10.into());
            } else {
                customers.push(Document::Ruc(ruc));
            }
        }
        _ => {
            errors.insert("ruc".into(), messages::RUC_FORMAT.into());
        }
    }
    let funding_code = match raw.funding_code {
        Field::Text(code) if all_digits(&code, 1..=16) => Some(code),
        _ => {
            errors.insert("funding_code".into(), messages::FUNDING_CODE_FORMAT.into());
            None
        }
    };
    match funding_code {
        Some(funding_code) if errors.is_empty() => Ok(Lookup {
            funding_code,
            customers,
        }),
        _ => Err(errors),
    }
}

/// A well-formed `day-summary` request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct DayRequest {
    pub day: Date,
    pub detail: bool,
}

pub(crate) fn day_request(query: &DaySummaryQuery) -> Result<DayRequest, FieldErrors> {
    let mut errors = FieldErrors::new();
    let day = parse_day(&query.day);
    if day.is_none() {
        errors.insert("day".into(), messages::DAY_FORMAT.into());
    }
    // The document writes `detail=True`, a Python boolean: accept either case.
    let detail = match query.detail.as_deref() {
        None => Some(false),
        Some(text) if text.eq_ignore_ascii_case("true") => Some(true),
        Some(text) if text.eq_ignore_ascii_case("false") => Some(false),
        Some(_) => None,
    };
    if detail.is_none() {
        errors.insert("detail".into(), messages::DETAIL_FORMAT.into());
    }
    match (day, detail) {
        (Some(day), Some(detail)) => Ok(DayRequest { day, detail }),
        _ => Err(errors),
    }
}

/// Exactly `YYYY-MM-DD` naming a real calendar day (jiff alone would also take other ISO 8601 forms).
fn parse_day(text: &str) -> Option<Date> {
    let bytes = text.as_bytes();
    let shaped = bytes.len() == 10
        && bytes.iter().enumerate().all(|(i, byte)| match i {
            4 | 7 => *byte == b'-',
            _ => byte.is_ascii_digit(),
        });
    shaped.then(|| text.parse().ok()).flatten()
}

fn all_digits(text: &str, length: std::ops::RangeInclusive<usize>) -> bool {
    length.contains(&text.len()) && text.bytes().all(|byte| byte.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(dni: Option<&str>, ruc: Option<&str>, code: &str) -> RawLookup {
        RawLookup::from(providers::apurata::downpayment::InfoQuery {
            dni: dni.map(str::to_owned),
            ruc: ruc.map(str::to_owned),
            funding_code: code.to_owned(),
        })
    }

    #[test]
    fn identity_and_code_formats() {
        assert!(lookup(raw(Some("14159265"), None, "1234567"), RucRule::Any).is_ok());
        assert!(lookup(raw(None, Some("10141421358"), "1"), RucRule::Any).is_ok());
        assert!(
            lookup(
                raw(Some("14159265"), None, "1234567890123456"),
                RucRule::Any
            )
            .is_ok()
        );
        let bad = |r| lookup(r, RucRule::Any).unwrap_err();
        assert_eq!(bad(raw(Some("1415926"), None, "1")).len(), 1);
        assert_eq!(bad(raw(Some("141592651"), None, "1")).len(), 1);
        assert_eq!(bad(raw(Some("1415926a"), None, "1")).len(), 1);
        assert_eq!(bad(raw(Some("١٤١٥٩٢٦٥"), None, "1")).len(), 1);
        assert_eq!(
            bad(raw(Some("14159265"), None, "12345678901234567")).len(),
            1
        );
        assert_eq!(bad(raw(Some("14159265"), None, "")).len(), 1);
        assert_eq!(
            bad(raw(None, Some("2060123456"), "1"))["ruc"],
            messages::RUC_FORMAT
        );
        assert_eq!(bad(raw(None, None, "1"))["dni"], messages::DNI_FORMAT);
        assert_eq!(
            bad(raw(Some(""), Some(""), "1"))["dni"],
            messages::DNI_FORMAT
        );
    }

    #[test]
    fn undo_takes_only_a_persons_ruc() {
        let refused = lookup(
            raw(None, Some("20601234565"), "5772156"),
            RucRule::PersonOnly,
        );
        assert_eq!(refused.unwrap_err()["ruc"], ONLY_RUC_10);
        assert!(
            lookup(
                raw(None, Some("10141421358"), "1414213"),
                RucRule::PersonOnly
            )
            .is_ok()
        );
    }

    #[test]
    fn a_body_of_the_wrong_shape_is_read_field_by_field() {
        assert_eq!(RawLookup::from_json_body(b"not json"), raw(None, None, ""));
        assert_eq!(RawLookup::from_json_body(b"[1, 2]"), raw(None, None, ""));
        let numeric = RawLookup::from_json_body(br#"{"dni": 14159265, "funding_code": "1234567"}"#);
        assert_eq!(numeric.dni, Field::NotText);
        assert_eq!(numeric.funding_code, Field::Text("1234567".into()));
    }

    #[test]
    fn day_summary_query() {
        let query = |day: &str, detail: Option<&str>| DaySummaryQuery {
            day: day.into(),
            detail: detail.map(str::to_owned),
        };
        let ok = day_request(&query("2026-03-10", Some("True"))).unwrap();
        assert_eq!((ok.day, ok.detail), (jiff::civil::date(2026, 3, 10), true));
        assert!(
            !day_request(&query("2026-03-10", Some("FALSE")))
                .unwrap()
                .detail
        );
        for bad_day in [
            "",
            "20260310",
            "2026-02-30",
            "2026-3-10",
            "2026-03-10T00:00",
        ] {
            let errors = day_request(&query(bad_day, None)).unwrap_err();
            assert_eq!(errors.len(), 1, "{bad_day}");
        }
        for bad_detail in ["", "yes", "1", "truee"] {
            let errors = day_request(&query("2026-03-10", Some(bad_detail))).unwrap_err();
            assert_eq!(errors["detail"], messages::DETAIL_FORMAT, "{bad_detail}");
        }
    }
}

//! The JSON shapes of the in-store down payment API v2, exactly as `acuotaz-inhouse-downpayment-v2.txt`
//! documents them. Shared by the client (which sends requests and parses answers) and the sandbox (which
//! does the opposite), and pinned to the document's literal JSON by `tests/downpayment_wire.rs`.

use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::ids::{Dni, FormatProblem, FundingCode, RUC_DIGITS, Ruc};
use crate::money::Soles;

/// How the customer is identified in a request: exactly one of `dni` or `ruc` is sent. It holds checked
/// documents, so its JSON (`{"dni": ".."}`) is refused on the way in unless the document is valid; read
/// what a person typed with `str::parse` (8 digits a DNI, 11 a RUC).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CustomerId {
    Dni(Dni),
    Ruc(Ruc),
}

impl CustomerId {
    /// The wire name of the field (`dni` or `ruc`), also the key of a field error about it.
    pub fn field(&self) -> &'static str {
        match self {
            CustomerId::Dni(_) => "dni",
            CustomerId::Ruc(_) => "ruc",
        }
    }

    pub fn number(&self) -> &str {
        match self {
            CustomerId::Dni(dni) => dni.as_str(),
            CustomerId::Ruc(ruc) => ruc.as_str(),
        }
    }
}

/// Reads a document by its length: 8 digits is a DNI, 11 digits a RUC (checked as one), any other
/// length of digits is [`FormatProblem::DocumentLength`].
impl FromStr for CustomerId {
    type Err = FormatProblem;

    fn from_str(text: &str) -> Result<Self, FormatProblem> {
        match Dni::parse(text) {
            Ok(dni) => Ok(CustomerId::Dni(dni)),
            // Digits, but not 8 of them.
            Err(FormatProblem::DniLength) if text.len() == RUC_DIGITS => {
                Ruc::parse(text).map(CustomerId::Ruc)
            }
            Err(FormatProblem::DniLength) => {
                Err(FormatProblem::DocumentLength { digits: text.len() })
            }
            Err(problem) => Err(problem),
        }
    }
}

/// Names one financing: the body of `POST paid-and-billed` and `POST undo-billing`
/// (`{"dni": "..", "funding_code": ".."}`, or the same with `ruc`) and the query of `GET info`
/// (`?dni=..&funding_code=..`).
///
/// Its fields are text on purpose: the sandbox reads requests into it however malformed, to answer them
/// with the documented field errors. The client builds it only through [`OperationRequest::new`], from
/// checked values, so what it sends is well formed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OperationRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dni: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ruc: Option<String>,
    #[serde(default)]
    pub funding_code: String,
}

/// The query of `GET info` has the same fields as the operation body.
pub type InfoQuery = OperationRequest;

impl OperationRequest {
    pub fn new(customer: &CustomerId, funding_code: &FundingCode) -> Self {
        let (dni, ruc) = match customer {
            CustomerId::Dni(dni) => (Some(dni.to_string()), None),
            CustomerId::Ruc(ruc) => (None, Some(ruc.to_string())),
        };
        OperationRequest {
            dni,
            ruc,
            funding_code: funding_code.to_string(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
#[serde(rename_all = "UPPERCASE")]
pub enum DownpaymentStatus {
    /// The customer still owes the down payment: the phone screen is red.
    Pending,
    /// The down payment is paid: the phone screen is green.
    Fulfilled,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
pub enum DownpaymentChannel {
    /// Paid online through aCuotaz (card or transfer).
    #[serde(rename = "aCuotaz")]
    ACuotaz,
    /// Paid, or to be paid, at the store's till.
    #[serde(rename = "Tienda")]
    Tienda,
}

/// `200` answer of `GET info`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FundingInfo {
    pub funding_code: String,
    pub purchase_total: Soles,
    pub billed_by_ecommerce: bool,
    pub downpayment_amount: Soles,
    pub downpayment_status: DownpaymentStatus,
    pub downpayment_channel: DownpaymentChannel,
}

/// `200` answer of `GET day-summary?day=..` (without detail).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayTotals {
    pub total_purchases: Soles,
    pub total_paid_in_store: Soles,
    /// `total_purchases - total_paid_in_store`, as the provider computed it.
    pub total_financed: Soles,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum PaymentOrigin {
    Transfer,
    Card,
    /// Paid at the store's till.
    External,
}

/// One row of `order_detail`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderDetail {
    pub order_id: String,
    pub dni: String,
    pub payment_origin: PaymentOrigin,
    pub amount: Soles,
}

/// `200` answer of `GET day-summary?day=..&detail=true`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DaySummaryDetail {
    #[serde(flatten)]
    pub totals: DayTotals,
    pub order_detail: Vec<OrderDetail>,
}

/// Query of `GET day-summary`. Kept as text so the sandbox can answer a malformed value with the
/// documented field error instead of a framework error.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct DaySummaryQuery {
    #[serde(default)]
    pub day: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

/// `{"error": "..."}`: the body of 401, 404 and non-field 400 answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorBody {
    pub error: String,
}

pub use crate::http::FieldErrors;

/// The documented error messages, word for word.
pub mod messages {
    pub const UNAUTHORIZED: &str = "Wrong or missing client token";
    pub const NOT_FOUND: &str = "Funding code does not exist or not active";
    pub const NOT_BILLED_YET: &str = "Not billed yet";
    pub const DNI_FORMAT: &str = "Error on dni format";
    pub const RUC_FORMAT: &str = "Error on ruc format";
    pub const FUNDING_CODE_FORMAT: &str = "Error on funding_code format";
    pub const DAY_FORMAT: &str = "Not a valid date";
    pub const DETAIL_FORMAT: &str = "Not a valid boolean";
}

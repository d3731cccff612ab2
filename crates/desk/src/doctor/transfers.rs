//! The check of aPagos, the bank-transfer vouchers (Peru), when the till has them set up: one read
//! that changes nothing, with the token the till uses for them. With a voucher registered, its `info`
//! is read and believed only when the body is aPagos' own answer about that voucher; before any, the
//! `info` of an id nobody has, whose documented 404 comes only past the token's check (as Aplazame's
//! check does).

use providers::apagos::client::ApagosApi;
use providers::apagos::wire::RequestId;
use providers::http::ApiError;
use till::Till;

use super::remote::{origin, quick};
use super::{CheckName, CheckStatus, Finding, Outcome, ProviderName};

/// An ObjectId no voucher has.
const NO_SUCH_VOUCHER: &str = "000000000000000000000000";

/// aPagos read once; `None` when the till has no transfers set up (another country, or live mode
/// without the store's bank accounts).
pub async fn transfers(till: &Till) -> Option<Outcome> {
    let setup = till.voucher_setup().ok()?;
    let url = origin(&setup.apagos_root.to_string());
    let newest = till
        .vouchers()
        .await
        .ok()
        .and_then(|all| all.into_iter().find_map(|voucher| voucher.request_id));
    let api = match ApagosApi::new(&setup.apagos_root, setup.token, quick()) {
        Ok(api) => api,
        Err(error) => return Some(failed(url, error)),
    };
    let outcome = match newest {
        Some(known) => match api.info(&known).await {
            Ok(_) => accepted(url),
            Err(ApiError::NotFound { .. }) => Outcome::new(
                CheckName::Transfers,
                CheckStatus::Warn,
                Finding::VoucherUnknownAtProvider {
                    url,
                    request_id: known.as_str().to_owned(),
                },
            ),
            Err(error) => failed(url, error),
        },
        None => {
            let nobody = RequestId::parse(NO_SUCH_VOUCHER).expect("an ObjectId");
            match api.info(&nobody).await {
                Ok(_) | Err(ApiError::NotFound { .. }) => accepted(url),
                Err(error) => failed(url, error),
            }
        }
    };
    Some(outcome)
}

fn accepted(url: String) -> Outcome {
    Outcome::new(
        CheckName::Transfers,
        CheckStatus::Ok,
        Finding::ProviderAccepted {
            provider: ProviderName::Apagos,
            url,
        },
    )
}

fn failed(url: String, error: ApiError) -> Outcome {
    Outcome::new(
        CheckName::Transfers,
        CheckStatus::Fail,
        Finding::ProviderFailed {
            provider: ProviderName::Apagos,
            url,
            error,
        },
    )
}

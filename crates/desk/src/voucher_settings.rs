//! The settings of bank-transfer vouchers (aPagos), saved inside `settings.json` under `vouchers`: the
//! store's bank accounts (the `bank_account_id`s given to aPagos at onboarding, in the order the
//! cashier picks them) and aPagos' root when it is not the mode's. The token is the store's Apurata
//! token, the one Caja already keeps in the secret store. On the simulator the demo accounts stand in
//! for the ones not set, so a new user can register a transfer at once; live mode needs them.

use serde::{Deserialize, Serialize};

use providers::{ApiToken, PlainHttp, ProviderRoot};
use till::error::{InputProblem, TillError, UrlProblem, VoucherError};
use till::mode::Mode;
use till::vouchers::VoucherSetup;

use crate::order_settings::OrderSettings;

/// aPagos' root in live mode.
pub const LIVE_APAGOS_ROOT: &str = "https://apurata.com/apagos/";

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct VoucherSettings {
    /// The store's accounts at aPagos: `BCP-SOLES-001`.
    pub bank_accounts: Vec<String>,
    /// aPagos' root; `None`: the simulator's beside the provider root (sandbox, mock) or aPagos' own.
    pub apagos_url: Option<String>,
}

impl VoucherSettings {
    /// The checked setup for `mode`, with the provider root `api_url` the till calls and its token;
    /// `VoucherError::NotConfigured` when live mode has no bank account.
    pub fn setup(
        &self,
        mode: Mode,
        api_url: &str,
        token: &ApiToken,
        orders: &OrderSettings,
    ) -> Result<VoucherSetup, TillError> {
        let mut accounts: Vec<String> = self
            .bank_accounts
            .iter()
            .map(|account| account.trim().to_owned())
            .filter(|account| !account.is_empty())
            .collect();
        accounts.dedup();
        if accounts.is_empty() {
            if mode.is_live() {
                return Err(VoucherError::NotConfigured.into());
            }
            accounts = sandbox::DEMO_BANK_ACCOUNTS.map(str::to_owned).to_vec();
        }
        let root = match (self.apagos_url.as_deref().map(str::trim), mode) {
            (Some(url), _) if !url.is_empty() => url.to_owned(),
            (_, Mode::Live) => LIVE_APAGOS_ROOT.to_owned(),
            _ => format!("{}/apagos/", api_url.trim_end_matches('/')),
        };
        let apagos_root = ProviderRoot::parse(&root, PlainHttp::LoopbackOnly).map_err(|_| {
            TillError::invalid(
                "apagos_url",
                &root,
                InputProblem::ApiUrl(UrlProblem::Scheme),
            )
        })?;
        Ok(VoucherSetup {
            apagos_root,
            token: token.clone(),
            bank_accounts: accounts,
            store_code: orders.store_code.clone(),
            till_code: orders.till_code.clone(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_simulator_works_out_of_the_box_and_live_needs_accounts() {
        let settings = VoucherSettings::default();
        let token = ApiToken::new("t");
        let orders = OrderSettings::default();
        let setup = settings
            .setup(Mode::Sandbox, "http://127.0.0.1:9/", &token, &orders)
            .unwrap();
        assert_eq!(setup.apagos_root.to_string(), "http://127.0.0.1:9/apagos/");
        assert!(setup.bank_accounts.contains(&"BCP-SOLES-001".to_owned()));
        assert!(matches!(
            settings.setup(Mode::Live, "https://apurata.com", &token, &orders),
            Err(TillError::Voucher(VoucherError::NotConfigured))
        ));
        let live = VoucherSettings {
            bank_accounts: vec![" BCP-SOLES-001 ".to_owned()],
            apagos_url: None,
        };
        let setup = live
            .setup(Mode::Live, "https://apurata.com", &token, &orders)
            .unwrap();
        assert_eq!(setup.apagos_root.to_string(), LIVE_APAGOS_ROOT);
        assert_eq!(setup.bank_accounts, ["BCP-SOLES-001"]);
    }
}

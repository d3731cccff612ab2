//! The settings of Aplazame's POS checkouts (Spain), saved inside `settings.json` under `aplazame`:
//! Aplazame's root when it is not the mode's, and the rule "auto-confirm when total and currency
//! match" (on by default), both changed from Ajustes or `caja settings set`
//! ([`AplazameSettings::changed`]) and audited as the other settings are. The store's private key is never among them: it lives in the secret store
//! ([`crate::secrets::save_aplazame_key`]).
//!
//! Per mode: **sandbox** talks to Caja's simulator (`{sandbox url}/aplazame/`) with the simulator's key
//! (the till's provider token) in Aplazame's test mode; **mock** talks to Aplazame itself
//! (`https://api.aplazame.com/`) in its test mode, with the store's key; **live** to the same API live,
//! with the store's key. The test-mode media type and the `sandbox` flag every answer must carry follow
//! the mode ([`Environment`]). Aplazame's IPNs go to Caja Central's `/webhooks/aplazame/{store}` when
//! the till is enrolled; on the simulator without Central, nowhere that answers (the status is read
//! with back-off instead, and a confirmation is only recorded); live and mock need Central.

use serde::{Deserialize, Serialize};

use providers::aplazame::Environment;
use providers::{ApiToken, PlainHttp, ProviderRoot};
use till::aplazame::AplazameSetup;
use till::central::CentralLink;
use till::error::{AplazameError, InputProblem, TillError, UrlProblem};
use till::mode::Mode;
use url::Url;

use crate::order_settings::OrderSettings;

/// Aplazame's API root (live, and its test mode).
pub const LIVE_APLAZAME_ROOT: &str = "https://api.aplazame.com/";

/// Where the simulator sends IPNs when no Central takes them: its stand-in for the store, which answers
/// a confirmation with the decision the till handed it (`central::forward_to_simulator`).
pub const SIMULATOR_IPN_PATH: &str = sandbox::APLAZAME_STORE_IPN;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct AplazameSettings {
    /// Aplazame's root; `None`: the simulator's beside the provider root (sandbox) or Aplazame's own.
    pub aplazame_url: Option<String>,
    /// Confirm a financing Aplazame accepted when its total and currency are what was sent.
    pub auto_confirm: bool,
}

impl Default for AplazameSettings {
    fn default() -> Self {
        AplazameSettings {
            aplazame_url: None,
            auto_confirm: true,
        }
    }
}

impl AplazameSettings {
    /// These settings with what was typed in Ajustes or on the command line: `None` keeps the saved
    /// value, an empty URL goes back to the mode's own. A URL is checked against `mode` and a wrong one
    /// is named `aplazame_url`.
    pub fn changed(
        &self,
        url: Option<&str>,
        auto_confirm: Option<bool>,
        mode: Mode,
    ) -> Result<AplazameSettings, TillError> {
        let aplazame_url = match url.map(str::trim) {
            None => self.aplazame_url.clone(),
            Some("") => None,
            Some(text) => {
                mode.check_api_url(text).map_err(|error| match error {
                    TillError::InvalidInput { value, problem, .. } => TillError::InvalidInput {
                        field: "aplazame_url",
                        value,
                        problem,
                    },
                    other => other,
                })?;
                Some(text.to_owned())
            }
        };
        Ok(AplazameSettings {
            aplazame_url,
            auto_confirm: auto_confirm.unwrap_or(self.auto_confirm),
        })
    }

    /// What differs from `wanted`, as the audit record keeps a settings change (name, before, after);
    /// a URL left to the mode reads as `default` does elsewhere.
    pub fn changes(
        &self,
        wanted: &AplazameSettings,
        default: &str,
    ) -> Vec<(String, String, String)> {
        let url = |value: &Option<String>| value.clone().unwrap_or_else(|| default.to_owned());
        let rule = |on: bool| if on { "on" } else { "off" }.to_owned();
        [
            (
                "aplazame_url",
                url(&self.aplazame_url),
                url(&wanted.aplazame_url),
            ),
            (
                "aplazame_auto_confirm",
                rule(self.auto_confirm),
                rule(wanted.auto_confirm),
            ),
        ]
        .into_iter()
        .filter(|(_, before, after)| before != after)
        .map(|(name, before, after)| (name.to_owned(), before, after))
        .collect()
    }
}

/// What the setup is made from besides the settings.
pub struct AplazameInputs<'a> {
    pub mode: Mode,
    /// The provider root the till calls (the simulator's URL in sandbox mode).
    pub api_url: &'a str,
    /// The till's provider token: the simulator's key in sandbox mode.
    pub provider_token: &'a ApiToken,
    /// The store's private key from the secret store (mock and live).
    pub stored_key: Option<ApiToken>,
    /// The till's link to Caja Central, when enrolled.
    pub central: Option<&'a CentralLink>,
    pub orders: &'a OrderSettings,
}

impl AplazameSettings {
    /// The checked setup, or `AplazameError::NotConfigured` when mock or live mode has no key or no
    /// Central to take Aplazame's IPNs.
    pub fn setup(&self, inputs: AplazameInputs<'_>) -> Result<AplazameSetup, TillError> {
        let simulator = inputs.mode == Mode::Sandbox;
        let key = match (simulator, inputs.stored_key) {
            (true, _) => inputs.provider_token.clone(),
            (false, Some(key)) if !key.is_empty() => key,
            (false, _) => return Err(AplazameError::NotConfigured.into()),
        };
        let api_url = inputs.api_url.trim_end_matches('/');
        let root = match self.aplazame_url.as_deref().map(str::trim) {
            Some(url) if !url.is_empty() => url.to_owned(),
            _ if simulator => format!("{api_url}/aplazame/"),
            _ => LIVE_APLAZAME_ROOT.to_owned(),
        };
        let invalid = |field: &'static str, text: &str| {
            TillError::invalid(field, text, InputProblem::ApiUrl(UrlProblem::Scheme))
        };
        let root = ProviderRoot::parse(&root, PlainHttp::LoopbackOnly)
            .map_err(|_| invalid("aplazame_url", &root))?;
        let ipn = match inputs.central {
            Some(link) => format!(
                "{}/webhooks/aplazame/{}",
                link.base_url.trim_end_matches('/'),
                link.store
            ),
            None if simulator => format!("{api_url}{SIMULATOR_IPN_PATH}"),
            None => return Err(AplazameError::NotConfigured.into()),
        };
        let ipn_url = Url::parse(&ipn).map_err(|_| invalid("ipn_url", &ipn))?;
        Ok(AplazameSetup {
            root,
            key,
            environment: if inputs.mode.is_live() {
                Environment::Live
            } else {
                Environment::Sandbox
            },
            ipn_url,
            auto_confirm: self.auto_confirm,
            store_code: inputs.orders.store_code.clone(),
            till_code: inputs.orders.till_code.clone(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inputs<'a>(
        mode: Mode,
        token: &'a ApiToken,
        stored: Option<&str>,
        central: Option<&'a CentralLink>,
        orders: &'a OrderSettings,
    ) -> AplazameInputs<'a> {
        AplazameInputs {
            mode,
            api_url: "http://127.0.0.1:9/",
            provider_token: token,
            stored_key: stored.map(ApiToken::new),
            central,
            orders,
        }
    }

    #[test]
    fn a_change_is_checked_against_the_mode_and_listed_for_the_record() {
        let saved = AplazameSettings::default();
        let wanted = saved
            .changed(
                Some(" https://aplazame.proxy.es/ "),
                Some(false),
                Mode::Live,
            )
            .unwrap();
        assert_eq!(
            wanted.aplazame_url.as_deref(),
            Some("https://aplazame.proxy.es/")
        );
        assert!(!wanted.auto_confirm);
        let changes = saved.changes(&wanted, "(default)");
        assert_eq!(changes.len(), 2);
        assert_eq!(
            changes[1],
            (
                "aplazame_auto_confirm".to_owned(),
                "on".to_owned(),
                "off".to_owned()
            )
        );
        let refused = saved
            .changed(Some("http://aplazame.proxy.es"), None, Mode::Live)
            .unwrap_err();
        assert_eq!(refused.field(), Some("aplazame_url"));
        let back = wanted.changed(Some(""), None, Mode::Live).unwrap();
        assert_eq!(back.aplazame_url, None);
        assert!(!back.auto_confirm);
        assert!(back.changes(&back, "-").is_empty());
    }

    #[test]
    fn the_simulator_works_out_of_the_box_and_live_needs_a_key_and_central() {
        let settings = AplazameSettings::default();
        let token = ApiToken::new("simulator");
        let orders = OrderSettings::default();
        let setup = settings
            .setup(inputs(Mode::Sandbox, &token, None, None, &orders))
            .unwrap();
        assert_eq!(setup.root.to_string(), "http://127.0.0.1:9/aplazame/");
        assert!(setup.key.matches("simulator"));
        assert_eq!(setup.environment, Environment::Sandbox);
        assert!(setup.auto_confirm);
        assert_eq!(
            setup.ipn_url.as_str(),
            "http://127.0.0.1:9/__sandbox/aplazame/store/ipn"
        );
        for mode in [Mode::Live, Mode::Mock] {
            assert!(matches!(
                settings.setup(inputs(mode, &token, None, None, &orders)),
                Err(TillError::Aplazame(AplazameError::NotConfigured))
            ));
        }
        let central = CentralLink {
            base_url: "https://central.example.es/".to_owned(),
            plain_http_anywhere: false,
            store: "T01".to_owned(),
            till: "C1".to_owned(),
            store_name: "Tienda".to_owned(),
            enrolled_at: jiff::Timestamp::UNIX_EPOCH,
        };
        let live = settings
            .setup(inputs(
                Mode::Live,
                &token,
                Some("sk_live"),
                Some(&central),
                &orders,
            ))
            .unwrap();
        assert_eq!(live.root.to_string(), LIVE_APLAZAME_ROOT);
        assert!(live.key.matches("sk_live"));
        assert_eq!(live.environment, Environment::Live);
        assert_eq!(
            live.ipn_url.as_str(),
            "https://central.example.es/webhooks/aplazame/T01"
        );
        let mock = settings
            .setup(inputs(
                Mode::Mock,
                &token,
                Some("sk_test"),
                Some(&central),
                &orders,
            ))
            .unwrap();
        assert_eq!(mock.root.to_string(), LIVE_APLAZAME_ROOT);
        assert_eq!(mock.environment, Environment::Sandbox);
    }
}

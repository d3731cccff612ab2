//! What a till needs to ask Aplazame for POS checkouts: Aplazame's root and the store's private key,
//! the environment its media type names (Aplazame's test mode for the sandbox and mock modes, the live
//! API in live mode: a checkout's `sandbox` flag must then say the same), where Aplazame sends the
//! checkout's changes (`ipn_url`: Caja Central's `/webhooks/aplazame/{store}`, or on the simulator
//! a sink of its own), whether a financing Aplazame accepted for exactly what was sent is confirmed by
//! itself, and the store and till codes that make order ids readable and unique (`T01-C1-A000042`).
//! A leaf beside `aplazame`, so the till can hold the client without `operations` and `aplazame`
//! importing each other.

use providers::aplazame::{AplazameApi, Environment};
use providers::{ApiToken, ProviderRoot};
use url::Url;

/// The typed settings of Aplazame checkouts.
#[derive(Debug, Clone)]
pub struct AplazameSetup {
    /// `https://api.aplazame.com/`, or the simulator's `{url}/aplazame/`.
    pub root: ProviderRoot,
    /// The store's private key (a bearer): never logged, never stored in SQLite.
    pub key: ApiToken,
    pub environment: Environment,
    pub ipn_url: Url,
    /// Confirm a `pending`/`confirmation_required` checkout whose total and currency are what was sent
    /// without waiting for the cashier (default on in desk's settings).
    pub auto_confirm: bool,
    /// The same codes as the orders' ([`crate::orders::OrdersSetup`]).
    pub store_code: String,
    pub till_code: String,
}

impl AplazameSetup {
    /// The order id of the till's `sequence`-th checkout: `T01-C1-A000042`.
    pub fn order_id(&self, sequence: i64) -> String {
        format!("{}-{}-A{sequence:06}", self.store_code, self.till_code)
    }
}

/// The Aplazame client and the store's settings, when checkouts are set up.
#[derive(Debug, Clone)]
pub(crate) struct AplazameLink {
    pub api: AplazameApi,
    pub setup: AplazameSetup,
}

#[cfg(test)]
mod tests {
    use super::*;
    use providers::PlainHttp;

    #[test]
    fn order_ids_read_store_till_and_sequence() {
        let setup = AplazameSetup {
            root: ProviderRoot::parse("https://api.aplazame.com/", PlainHttp::LoopbackOnly)
                .unwrap(),
            key: ApiToken::new("k"),
            environment: Environment::Live,
            ipn_url: Url::parse("https://central.example.es/webhooks/aplazame/T01").unwrap(),
            auto_confirm: true,
            store_code: "T01".to_owned(),
            till_code: "C1".to_owned(),
        };
        assert_eq!(setup.order_id(42), "T01-C1-A000042");
    }
}

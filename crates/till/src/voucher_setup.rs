//! What a till needs to register bank-transfer vouchers with aPagos: aPagos' root and the store's token,
//! the store's bank accounts (the `bank_account_id`s given to aPagos at onboarding; a voucher naming any
//! other is refused here), and the store and till codes
//! that make voucher ids readable and unique (the orders' codes: `T01-C1-V000042`); and the client built
//! from them ([`VouchersLink`]), which the till holds. A leaf beside `vouchers`, so the till can hold it
//! without `operations` and `vouchers` importing each other.

use providers::apagos::ApagosApi;
use providers::{ApiToken, ProviderRoot};

/// The typed settings of bank-transfer vouchers.
#[derive(Debug, Clone)]
pub struct VoucherSetup {
    /// `https://apurata.com/apagos/`, or the sandbox's `{url}/apagos/`.
    pub apagos_root: ProviderRoot,
    pub token: ApiToken,
    pub bank_accounts: Vec<String>,
    /// The same codes as the orders' ([`crate::orders::OrdersSetup`]).
    pub store_code: String,
    pub till_code: String,
}

impl VoucherSetup {
    /// The id of the till's `sequence`-th voucher: `T01-C1-V000042`.
    pub fn voucher_id(&self, sequence: i64) -> String {
        format!("{}-{}-V{sequence:06}", self.store_code, self.till_code)
    }
}

/// The aPagos client and the store's settings, when vouchers are set up.
#[derive(Debug, Clone)]
pub(crate) struct VouchersLink {
    pub api: ApagosApi,
    pub setup: VoucherSetup,
}

#[cfg(test)]
mod tests {
    use super::*;
    use providers::PlainHttp;

    #[test]
    fn voucher_ids_read_store_till_and_sequence() {
        let setup = VoucherSetup {
            apagos_root: ProviderRoot::parse(
                "https://apurata.com/apagos/",
                PlainHttp::LoopbackOnly,
            )
            .unwrap(),
            token: ApiToken::new("t"),
            bank_accounts: vec!["BCP-SOLES-001".to_owned()],
            store_code: "T01".to_owned(),
            till_code: "C1".to_owned(),
        };
        assert_eq!(setup.voucher_id(42), "T01-C1-V000042");
    }
}

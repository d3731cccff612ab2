//! Ajustes of credit sales (aCuotaz orders): the store's client id, the codes in order ids, the store's
//! pages the provider sends the customer back to, and how long an order stays open. Each change is
//! checked before anything is saved (https addresses, codes, the lifetime's range), naming the first
//! setting that is wrong; where the rules apply, a change needs someone signed in and a supervisor's
//! approval, and is sealed in the audit record as the other settings are ([`super::save_settings`]).

use std::path::Path;

use serde::Deserialize;

use crate::order_settings::OrderSettings;
use crate::settings::Settings;
use crate::settings_change::{approve_and_save, differing};
use till::error::{InputProblem, TillError};
use till::mode::Mode;
use till::people::Approval;
use till::staff::Staff;

/// The order settings as typed: `None` keeps the saved value, an empty text clears an optional one
/// (the client id, a page) back to "not set".
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OrderSettingsInput {
    pub pos_client_id: Option<String>,
    pub store_code: Option<String>,
    pub till_code: Option<String>,
    pub url_canceled: Option<String>,
    pub url_rejected: Option<String>,
    pub url_success: Option<String>,
    pub url_downpayment: Option<String>,
    pub url_order_detail: Option<String>,
    /// Minutes, typed (10 to 720).
    pub expiry_minutes: Option<String>,
    #[serde(default)]
    pub approval: Option<Approval>,
}

impl OrderSettingsInput {
    /// Nothing to change.
    pub fn is_empty(&self) -> bool {
        [
            &self.pos_client_id,
            &self.store_code,
            &self.till_code,
            &self.url_canceled,
            &self.url_rejected,
            &self.url_success,
            &self.url_downpayment,
            &self.url_order_detail,
            &self.expiry_minutes,
        ]
        .iter()
        .all(|value| value.is_none())
    }

    /// `saved` with these changes, checked: the first wrong setting is named (`url_success`,
    /// `store_code`, `order_expiry_minutes`, ...). What is not set is not checked here: sandbox mode
    /// works without it, and live mode names it when a credit sale is started.
    pub fn apply(&self, saved: &OrderSettings) -> Result<OrderSettings, TillError> {
        let optional = |typed: &Option<String>, saved: &Option<String>| match typed {
            None => saved.clone(),
            Some(text) => Some(text.trim().to_owned()).filter(|text| !text.is_empty()),
        };
        let code = |typed: &Option<String>, saved: &String| match typed {
            None => saved.clone(),
            Some(text) => text.trim().to_ascii_uppercase(),
        };
        let expiry_minutes = match self.expiry_minutes.as_deref().map(str::trim) {
            None => saved.expiry_minutes,
            Some(text) => text.parse::<u32>().map_err(|_| {
                TillError::invalid("order_expiry_minutes", text, InputProblem::ExpiryMinutes)
            })?,
        };
        let wanted = OrderSettings {
            pos_client_id: optional(&self.pos_client_id, &saved.pos_client_id),
            store_code: code(&self.store_code, &saved.store_code),
            till_code: code(&self.till_code, &saved.till_code),
            url_canceled: optional(&self.url_canceled, &saved.url_canceled),
            url_rejected: optional(&self.url_rejected, &saved.url_rejected),
            url_success: optional(&self.url_success, &saved.url_success),
            url_downpayment: optional(&self.url_downpayment, &saved.url_downpayment),
            url_order_detail: optional(&self.url_order_detail, &saved.url_order_detail),
            expiry_minutes,
        };
        // Sandbox mode stands in for what is not set, so every setting that is set gets checked.
        wanted.setup(Mode::Sandbox)?;
        Ok(wanted)
    }
}

/// Checks and saves the order settings; returns them as saved. The caller reopens the till.
pub fn save_order_settings(
    staff: &Staff,
    data_dir: &Path,
    input: OrderSettingsInput,
) -> Result<OrderSettings, TillError> {
    let saved = Settings::load(data_dir)?;
    let wanted = input.apply(&saved.orders)?;
    let before = &saved.orders;
    let shown = |value: &Option<String>| value.clone().unwrap_or_else(|| "-".to_owned());
    let changes = differing([
        (
            "pos_client_id",
            shown(&before.pos_client_id),
            shown(&wanted.pos_client_id),
        ),
        (
            "store_code",
            before.store_code.clone(),
            wanted.store_code.clone(),
        ),
        (
            "till_code",
            before.till_code.clone(),
            wanted.till_code.clone(),
        ),
        (
            "url_canceled",
            shown(&before.url_canceled),
            shown(&wanted.url_canceled),
        ),
        (
            "url_rejected",
            shown(&before.url_rejected),
            shown(&wanted.url_rejected),
        ),
        (
            "url_success",
            shown(&before.url_success),
            shown(&wanted.url_success),
        ),
        (
            "url_downpayment",
            shown(&before.url_downpayment),
            shown(&wanted.url_downpayment),
        ),
        (
            "url_order_detail",
            shown(&before.url_order_detail),
            shown(&wanted.url_order_detail),
        ),
        (
            "order_expiry_minutes",
            before.expiry_minutes.to_string(),
            wanted.expiry_minutes.to_string(),
        ),
    ]);
    let mode = saved.mode;
    let now = Settings {
        orders: wanted.clone(),
        ..saved
    };
    approve_and_save(
        staff,
        mode,
        data_dir,
        changes,
        input.approval.as_ref(),
        || now.save(data_dir),
    )?;
    Ok(wanted)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(result: Result<OrderSettings, TillError>) -> &'static str {
        match result {
            Err(TillError::InvalidInput { field, .. }) => field,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn each_wrong_setting_is_named_and_blank_clears() {
        let saved = OrderSettings {
            url_success: Some("https://tienda.example/gracias".to_owned()),
            ..OrderSettings::default()
        };
        let typed = |input: OrderSettingsInput| input.apply(&saved);
        let plain = OrderSettingsInput {
            url_canceled: Some("http://tienda.example/x".to_owned()),
            ..OrderSettingsInput::default()
        };
        assert_eq!(field(typed(plain)), "url_canceled");
        let code = OrderSettingsInput {
            till_code: Some("C 1".to_owned()),
            ..OrderSettingsInput::default()
        };
        assert_eq!(field(typed(code)), "till_code");
        let minutes = OrderSettingsInput {
            expiry_minutes: Some("dos".to_owned()),
            ..OrderSettingsInput::default()
        };
        assert_eq!(field(typed(minutes)), "order_expiry_minutes");
        let cleared = OrderSettingsInput {
            url_success: Some(" ".to_owned()),
            store_code: Some("t02".to_owned()),
            ..OrderSettingsInput::default()
        };
        let now = typed(cleared).unwrap();
        assert_eq!(now.url_success, None);
        assert_eq!(now.store_code, "T02");
        assert!(OrderSettingsInput::default().is_empty());
    }
}

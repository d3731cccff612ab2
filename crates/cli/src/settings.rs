//! `caja settings`: the saved settings shown, or changed with the same checks and approvals as the
//! desktop's Ajustes (`desk::views::save_settings` for the till's, `desk::views::save_order_settings`
//! for credit sales'). Every value given is checked before anything is saved, so a wrong one leaves the
//! file as it was.

use clap::{Args, Subcommand};
use desk::Settings;
use desk::views::{OrderSettingsInput, SettingsInput};
use desk::wording::cli as words;
use serde_json::json;
use till::Soles;

use crate::args::{ApprovalArgs, Cli, ModeArg};
use crate::output::{CliError, Printer};
use crate::{setup, staff};

#[derive(Debug, Subcommand)]
pub enum SettingsAction {
    /// Print the saved settings
    Show,
    /// Change the saved settings
    Set(Box<SettingsSet>),
}

/// `caja settings set`: what to change (what is not given stays as saved).
#[derive(Debug, Args)]
pub struct SettingsSet {
    /// The mode saved for this till
    #[arg(long, value_enum)]
    pub set_mode: Option<ModeArg>,
    /// The provider root saved for this till ("" for the mode's default)
    #[arg(long, value_name = "URL")]
    pub set_api_url: Option<String>,
    /// The store name printed on reports
    #[arg(long, value_name = "NAME")]
    pub set_store_name: Option<String>,
    /// Minutes without activity before the desktop locks (1 to 60)
    #[arg(long, value_name = "MINUTES")]
    pub idle_lock_minutes: Option<u32>,
    /// This till's name on receipts and Z reports, e.g. "Caja 1"
    #[arg(long, value_name = "NAME")]
    pub till_name: Option<String>,
    /// A difference at closing up to this (soles) needs no supervisor
    #[arg(long, value_name = "AMOUNT")]
    pub closing_tolerance: Option<String>,
    /// Cash in or out above this (soles) needs a supervisor
    #[arg(long, value_name = "AMOUNT")]
    pub movement_approval: Option<String>,
    /// The 80 mm thermal printer: tcp:HOST[:9100], cups:QUEUE or file:/dev/usb/lp0 ("" for none)
    #[arg(long, value_name = "PRINTER")]
    pub thermal_printer: Option<String>,
    #[command(flatten)]
    pub orders: OrderSettingsArgs,
    #[command(flatten)]
    pub approval: ApprovalArgs,
}

/// The settings of credit sales (aCuotaz orders); "" clears the client id or a page.
#[derive(Debug, Args)]
pub struct OrderSettingsArgs {
    /// The store's client id with aCuotaz (pos_client_id)
    #[arg(long, value_name = "ID")]
    pub pos_client_id: Option<String>,
    /// The store's code in order ids, 1 to 8 letters or digits (T01 in T01-C1-000042)
    #[arg(long, value_name = "CODE")]
    pub store_code: Option<String>,
    /// This till's code in order ids (C1 in T01-C1-000042)
    #[arg(long, value_name = "CODE")]
    pub till_code: Option<String>,
    /// The store's page for a canceled order (https://)
    #[arg(long, value_name = "URL")]
    pub url_canceled: Option<String>,
    /// The store's page for a rejected credit (https://)
    #[arg(long, value_name = "URL")]
    pub url_rejected: Option<String>,
    /// The store's page for an approved credit (https://)
    #[arg(long, value_name = "URL")]
    pub url_success: Option<String>,
    /// The store's page about paying the down payment (https://)
    #[arg(long, value_name = "URL")]
    pub url_downpayment: Option<String>,
    /// The store's page with the order's detail (https://, optional)
    #[arg(long, value_name = "URL")]
    pub url_order_detail: Option<String>,
    /// How long an order stays open, in minutes (10 to 720)
    #[arg(long, value_name = "MINUTES")]
    pub order_expiry_minutes: Option<String>,
}

impl OrderSettingsArgs {
    fn input(&self) -> OrderSettingsInput {
        OrderSettingsInput {
            pos_client_id: self.pos_client_id.clone(),
            store_code: self.store_code.clone(),
            till_code: self.till_code.clone(),
            url_canceled: self.url_canceled.clone(),
            url_rejected: self.url_rejected.clone(),
            url_success: self.url_success.clone(),
            url_downpayment: self.url_downpayment.clone(),
            url_order_detail: self.url_order_detail.clone(),
            expiry_minutes: self.order_expiry_minutes.clone(),
            approval: None,
        }
    }
}

pub fn run(cli: &Cli, printer: &Printer, action: &SettingsAction) -> Result<(), CliError> {
    let data_dir = setup::data_dir(cli);
    match action {
        SettingsAction::Show => {
            let saved = Settings::load(&data_dir)?;
            let text = words::settings_shown(
                printer.lang,
                &saved.store_name,
                saved.mode,
                saved.api_url.as_deref(),
                saved.idle_lock_minutes,
            );
            let shifts = words::shift_settings_shown(
                printer.lang,
                &saved.till_name,
                Soles::from_centimos(saved.closing_tolerance_centimos),
                Soles::from_centimos(saved.movement_approval_centimos),
                saved.thermal_printer.as_deref(),
            );
            let orders = words::order_settings_shown(printer.lang, &saved.orders);
            let text = format!("{text}\n{shifts}\n{orders}");
            printer.success("settings", json!({ "settings": saved }), &text);
        }
        SettingsAction::Set(set) => {
            let SettingsSet {
                set_mode,
                set_api_url,
                set_store_name,
                idle_lock_minutes,
                till_name,
                closing_tolerance,
                movement_approval,
                thermal_printer,
                orders,
                approval: args,
            } = set.as_ref();
            let staff = staff::open_staff(cli, printer)?;
            let saved = Settings::load(&data_dir)?;
            let mut orders = orders.input();
            // Checked before anything is saved: a wrong order setting leaves the file as it was.
            orders.apply(&saved.orders)?;
            let till_settings = set_mode.is_some()
                || set_api_url.is_some()
                || set_store_name.is_some()
                || idle_lock_minutes.is_some()
                || till_name.is_some()
                || closing_tolerance.is_some()
                || movement_approval.is_some()
                || thermal_printer.is_some();
            let approval = staff::approval(printer, &staff, args)?;
            if till_settings || orders.is_empty() {
                let input = SettingsInput {
                    store_name: set_store_name.clone().unwrap_or(saved.store_name.clone()),
                    mode: set_mode.map(setup::mode).unwrap_or(saved.mode),
                    api_url: set_api_url.clone().or(saved.api_url.clone()),
                    lang: saved.lang,
                    printer: saved.printer.clone(),
                    idle_lock_minutes: Some(idle_lock_minutes.unwrap_or(saved.idle_lock_minutes)),
                    till_name: till_name.clone(),
                    closing_tolerance: closing_tolerance.clone(),
                    movement_approval: movement_approval.clone(),
                    thermal_printer: thermal_printer.clone(),
                    approval: approval.clone(),
                };
                desk::views::save_settings(&staff, &data_dir, input)?;
            }
            if !orders.is_empty() {
                orders.approval = approval;
                desk::views::save_order_settings(&staff, &data_dir, orders)?;
            }
            let now = Settings::load(&data_dir)?;
            let text = words::settings_saved(printer.lang);
            printer.success("settings", json!({ "settings": now }), &text);
        }
    }
    Ok(())
}

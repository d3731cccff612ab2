//! `caja settings`' flags, as clap reads them: the till's settings (Aplazame's among them) and,
//! flattened in, the settings of credit sales (aCuotaz orders).

use clap::{Args, Subcommand};

use super::{ApprovalArgs, ModeArg};

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
    /// The store's country: PE (Peru: soles, aCuotaz and aPagos) or ES (Spain: euros, Aplazame); a
    /// change needs a supervisor
    #[arg(long, value_name = "PE|ES")]
    pub country: Option<String>,
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
    /// The store's accounts at aPagos that customers transfer to, e.g. "BCP-SOLES-001,BBVA" ("" clears
    /// them: in sandbox the simulator's demo accounts stand in)
    #[arg(long, value_name = "ACCOUNTS")]
    pub bank_accounts: Option<String>,
    /// Aplazame's API root (Spain; "" for the mode's own); a change needs a supervisor
    #[arg(long, value_name = "URL")]
    pub aplazame_url: Option<String>,
    /// Confirm an Aplazame financing when its total and currency match what was sent (Spain); a change
    /// needs a supervisor
    #[arg(long, value_name = "on|off", value_parser = on_off)]
    pub aplazame_auto_confirm: Option<bool>,
    /// The folder backups are written to: a USB drive or a network share, a full path ("" turns
    /// backups off); a change needs a supervisor
    #[arg(long, value_name = "DIR")]
    pub backup_folder: Option<String>,
    /// How many backups of this till are kept (1 to 100); a change needs a supervisor
    #[arg(long, value_name = "N")]
    pub backup_generations: Option<String>,
    #[command(flatten)]
    pub orders: OrderSettingsArgs,
    #[command(flatten)]
    pub approval: ApprovalArgs,
}

/// `on`/`off` (also `yes`/`no`, `sí`/`no`, `true`/`false`).
fn on_off(text: &str) -> Result<bool, String> {
    match text.trim().to_lowercase().as_str() {
        "on" | "yes" | "si" | "sí" | "true" | "1" => Ok(true),
        "off" | "no" | "false" | "0" => Ok(false),
        other => Err(format!("«{other}»: use on or off")),
    }
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

//! `caja settings`: the saved settings shown, or changed with the same checks and approvals as the
//! desktop's Ajustes (`desk::views::save_settings` for the till's and Aplazame's,
//! `desk::views::save_order_settings` for credit sales'). Every value given is checked before anything is saved, so a wrong one leaves the
//! file as it was.

use desk::Settings;
use desk::views::{OrderSettingsInput, SettingsInput};
use desk::wording::cli as words;
use serde_json::json;
use till::Soles;

use crate::args::Cli;
use crate::args::settings::{OrderSettingsArgs, SettingsAction, SettingsSet};
use crate::output::{CliError, Printer};
use crate::{setup, staff};

pub fn run(cli: &Cli, printer: &Printer, action: &SettingsAction) -> Result<(), CliError> {
    let data_dir = setup::data_dir(cli);
    match action {
        SettingsAction::Show => {
            let saved = Settings::load(&data_dir)?;
            let text = words::settings_shown(
                printer.lang,
                &saved.store_name,
                saved.country,
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
            let accounts = words::bank_accounts_shown(printer.lang, &saved.vouchers.bank_accounts);
            let aplazame = words::aplazame_settings_shown(
                printer.lang,
                saved.aplazame.aplazame_url.as_deref(),
                saved.aplazame.auto_confirm,
            );
            let backup =
                desk::wording::cli::backup::backup_settings_shown(printer.lang, &saved.backup);
            let text = format!("{text}\n{shifts}\n{orders}\n{accounts}\n{aplazame}\n{backup}");
            printer.success("settings", json!({ "settings": saved }), &text);
        }
        SettingsAction::Set(set) => {
            let SettingsSet {
                set_mode,
                set_api_url,
                set_store_name,
                country,
                idle_lock_minutes,
                till_name,
                closing_tolerance,
                movement_approval,
                thermal_printer,
                bank_accounts,
                aplazame_url,
                aplazame_auto_confirm,
                backup_folder,
                backup_generations,
                orders,
                approval: args,
            } = set.as_ref();
            let backup = desk::backups::BackupSettingsInput {
                folder: backup_folder.clone(),
                generations: backup_generations.clone(),
                approval: None,
            };
            let staff = staff::open_staff(cli, printer)?;
            let saved = Settings::load(&data_dir)?;
            let mut orders = order_input(orders);
            // Checked before anything is saved: a wrong order setting leaves the file as it was.
            orders.apply(&saved.orders)?;
            let till_settings = set_mode.is_some()
                || set_api_url.is_some()
                || set_store_name.is_some()
                || country.is_some()
                || idle_lock_minutes.is_some()
                || till_name.is_some()
                || closing_tolerance.is_some()
                || movement_approval.is_some()
                || thermal_printer.is_some()
                || bank_accounts.is_some()
                || aplazame_url.is_some()
                || aplazame_auto_confirm.is_some();
            let approval = staff::approval(printer, &staff, args)?;
            if till_settings || (orders.is_empty() && backup.is_empty()) {
                let input = SettingsInput {
                    store_name: set_store_name.clone().unwrap_or(saved.store_name.clone()),
                    country: country.as_deref().map(str::parse).transpose()?,
                    mode: set_mode.map(setup::mode).unwrap_or(saved.mode),
                    api_url: set_api_url.clone().or(saved.api_url.clone()),
                    lang: saved.lang,
                    printer: saved.printer.clone(),
                    idle_lock_minutes: Some(idle_lock_minutes.unwrap_or(saved.idle_lock_minutes)),
                    till_name: till_name.clone(),
                    closing_tolerance: closing_tolerance.clone(),
                    movement_approval: movement_approval.clone(),
                    thermal_printer: thermal_printer.clone(),
                    bank_accounts: bank_accounts.clone(),
                    aplazame_url: aplazame_url.clone(),
                    aplazame_auto_confirm: *aplazame_auto_confirm,
                    approval: approval.clone(),
                };
                desk::views::save_settings(&staff, &data_dir, input)?;
            }
            if !backup.is_empty() {
                let backup = desk::backups::BackupSettingsInput {
                    approval: approval.clone(),
                    ..backup
                };
                desk::backups::save_backup_settings(&staff, &data_dir, backup)?;
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

/// The order flags as the desk's check takes them.
fn order_input(args: &OrderSettingsArgs) -> OrderSettingsInput {
    OrderSettingsInput {
        pos_client_id: args.pos_client_id.clone(),
        store_code: args.store_code.clone(),
        till_code: args.till_code.clone(),
        url_canceled: args.url_canceled.clone(),
        url_rejected: args.url_rejected.clone(),
        url_success: args.url_success.clone(),
        url_downpayment: args.url_downpayment.clone(),
        url_order_detail: args.url_order_detail.clone(),
        expiry_minutes: args.order_expiry_minutes.clone(),
        approval: None,
    }
}

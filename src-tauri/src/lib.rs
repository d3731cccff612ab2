//! Caja's desktop shell: it opens the till (starting the embedded sandbox in sandbox mode), registers
//! the commands the UI calls, starts the Caja Central task (relay and push, when enrolled), wires the
//! signed updater ([`updates`]), and stops both on exit. Everything else lives in `till` and `report`; the commands only forward.

mod aplazame;
mod backups;
mod central;
mod command_list;
mod commands;
mod orders;
mod updates;
mod vouchers;

use std::process::ExitCode;

use desk::Overrides;
use tauri::Manager;

use desk::Desk;

pub use command_list::COMMANDS;
use desk::central_task::{self, CentralTask};

pub fn run() -> ExitCode {
    let overrides = match Overrides::from_env() {
        Ok(overrides) => overrides,
        Err(error) => {
            eprintln!("caja-desktop: {error}");
            return ExitCode::from(2);
        }
    };
    let data_dir = std::env::var_os("CAJA_DATA_DIR")
        .filter(|dir| !dir.is_empty())
        .map(std::path::PathBuf::from)
        .unwrap_or_else(desk::default_data_dir);
    init_logging(&data_dir, &overrides);

    let builder = tauri::Builder::default()
        .plugin(tauri_plugin_opener::init())
        .plugin(tauri_plugin_updater::Builder::new().build())
        .setup(move |app| {
            let desk = tauri::async_runtime::block_on(Desk::open(data_dir, overrides));
            app.manage(desk);
            app.manage(CentralTask::default());
            app.manage(updates::UpdateSlot::default());
            let handle = app.handle().clone();
            tauri::async_runtime::spawn(async move {
                central_task::run(&handle.state::<Desk>(), &handle.state::<CentralTask>()).await;
            });
            backups::spawn_at_start(app.handle());
            if let Some(window) = app.get_webview_window("main") {
                render_in_software(&window);
            }
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::app_info,
            commands::check_financing,
            commands::pay,
            commands::undo_billing,
            commands::day_summary,
            commands::print_day_summary,
            commands::history,
            commands::pending_operations,
            commands::save_settings,
            commands::save_token,
            commands::create_first_supervisor,
            commands::sign_in,
            commands::sign_out,
            commands::note_activity,
            commands::people,
            commands::add_person,
            commands::set_person_active,
            commands::audit_verify,
            commands::audit_export,
            commands::doctor,
            commands::denominations,
            commands::shift,
            commands::open_shift,
            commands::move_cash,
            commands::x_report,
            commands::count_closing,
            commands::close_shift,
            commands::z_report,
            commands::z_reports,
            commands::print_receipt,
            orders::order_limits,
            orders::order_add_on,
            orders::create_order,
            orders::follow_orders,
            orders::credit_order,
            orders::credit_orders,
            orders::confirm_order,
            orders::cancel_order,
            orders::refund_order,
            orders::print_order_qr,
            central::central_status,
            central::enroll_central,
            central::push_central,
            vouchers::voucher_form,
            vouchers::host_receipt,
            vouchers::start_phone_upload,
            vouchers::phone_upload_status,
            vouchers::register_voucher,
            vouchers::voucher,
            vouchers::vouchers,
            vouchers::cancel_voucher,
            vouchers::resolve_voucher,
            vouchers::decide_voucher,
            aplazame::aplazame_total,
            aplazame::create_checkout,
            aplazame::checkout,
            aplazame::checkouts,
            aplazame::confirm_checkout,
            aplazame::reject_checkout,
            aplazame::resolve_checkout,
            updates::update_status,
            updates::check_update,
            updates::install_update,
            updates::postpone_update,
            backups::backups,
            backups::backup_notice,
            backups::save_backup_settings,
            backups::backup_now,
        ]);
    let app = match builder.build(tauri::generate_context!()) {
        Ok(app) => app,
        Err(error) => {
            eprintln!("caja-desktop: the window could not be created: {error}");
            return ExitCode::from(1);
        }
    };
    app.run(|handle, event| {
        if let tauri::RunEvent::Exit = event {
            // The task lets go of the workstation first: closing it never waits for a long poll.
            handle.state::<CentralTask>().stop();
            let desk = handle.state::<Desk>();
            tauri::async_runtime::block_on(desk.close());
        }
    });
    ExitCode::SUCCESS
}

/// The till's screens are flat forms and tables: WebKit's GPU compositing buys nothing there and costs
/// about 100 MB (measured with scripts/bench-desktop.sh), and cheap till PCs often have the weakest
/// GPU drivers. So the page is drawn on the CPU.
fn render_in_software(window: &tauri::WebviewWindow) {
    #[cfg(target_os = "linux")]
    let result = window.with_webview(|webview| {
        use webkit2gtk::{HardwareAccelerationPolicy, SettingsExt, WebViewExt};
        if let Some(settings) = WebViewExt::settings(&webview.inner()) {
            settings.set_hardware_acceleration_policy(HardwareAccelerationPolicy::Never);
        }
    });
    #[cfg(not(target_os = "linux"))]
    let result: tauri::Result<()> = Ok(());
    if let Err(error) = result {
        tracing::warn!(%error, "could not set the webview's rendering policy");
    }
}

/// Logs to stderr (`CAJA_LOG`, default warnings) and to the rotated files of `<data folder>/logs/`
/// ([`desk::logs`]). The token cannot appear: it lives in a type that does not print, and
/// `CAJA_TOKEN`'s value is masked in the files anyway.
fn init_logging(data_dir: &std::path::Path, overrides: &Overrides) {
    let secrets = desk::redact::Secrets::new(overrides.token.clone());
    desk::logs::init(Some(data_dir), secrets);
}

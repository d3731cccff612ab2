//! `caja central`: enroll this till in Caja Central, show the link's status, push now, listen for the
//! provider events Central relays. Exit codes as everywhere: 2 bad input or not enrolled (nothing
//! sent), 3 Central refused, 4 Central unreachable, 1 anything else.

use desk::Workstation;
use desk::central::{self, CentralFailure};
use desk::views::CentralStatusView;
use desk::wording::central as words;
use providers::central::TillRef;
use serde_json::json;

use crate::args::Cli;
use crate::args::central::CentralAction;
use crate::output::{CliError, Printer};
use crate::session::with_till;

pub async fn run(cli: &Cli, printer: &Printer, action: &CentralAction) -> Result<(), CliError> {
    with_till(cli, printer, async |open| match action {
        CentralAction::Enroll {
            url,
            code,
            allow_http,
        } => {
            let orders = &open.settings.orders;
            let codes = TillRef::new(&orders.store_code, &orders.till_code);
            let dir = &open.data_dir;
            let state = central::enroll(&open.till, dir, &codes, url, code, *allow_http)
                .await
                .map_err(CliError::Central)?;
            print_status(
                printer,
                "central enroll",
                &CentralStatusView::new(&state, printer.lang),
            );
            Ok(())
        }
        CentralAction::Status => {
            let state = central::central_state(&open.till)
                .await
                .map_err(CliError::Central)?;
            if state.link.is_none() {
                return Err(CliError::Central(CentralFailure::NotEnrolled));
            }
            print_status(
                printer,
                "central status",
                &CentralStatusView::new(&state, printer.lang),
            );
            Ok(())
        }
        CentralAction::Push => push(open, printer, "central push").await,
        CentralAction::Listen { once, wait } => loop {
            let report = central::relay_once(&open.till, &open.data_dir, *wait)
                .await
                .map_err(CliError::Central)?;
            let mut lines: Vec<String> = report
                .handled
                .iter()
                .map(|h| {
                    format!(
                        "#{} {} {} {}: {}",
                        h.id, h.provider, h.reference, h.event, h.outcome
                    )
                })
                .collect();
            if let Some(kept) = &report.kept {
                lines.push(desk::wording::cli::relay_kept(
                    printer.lang,
                    kept.id,
                    &kept.provider,
                    &kept.reference,
                    &kept.code,
                ));
            }
            let details = json!({
                "handled": report.handled,
                "relay_after": report.relay_after,
                "kept": report.kept,
            });
            if *once || printer.json {
                printer.success("central listen", details, &lines.join("\n"));
                if *once {
                    return Ok(());
                }
            } else if !lines.is_empty() {
                printer.success("central listen", details, &lines.join("\n"));
            }
            if report.kept.is_some() {
                // The provider did not answer: it is asked again after a pause, not at once.
                tokio::time::sleep(std::time::Duration::from_secs(5)).await;
            }
        },
    })
    .await
}

/// A push now, with the usual bounds; `caja sync` calls it too when the till is enrolled.
pub async fn push(open: &Workstation, printer: &Printer, command: &str) -> Result<(), CliError> {
    let http = providers::HttpSettings::default();
    let report = central::push_to_central(&open.till, &open.data_dir, http)
        .await
        .map_err(CliError::Central)?;
    let text = words::push_report(printer.lang, &report);
    printer.success(command, json!({ "central": report }), &text);
    Ok(())
}

fn print_status(printer: &Printer, command: &str, view: &CentralStatusView) {
    let details = json!({ "central": view });
    printer.success(command, details, &view.line);
}

/// `caja sync`'s push, when the till is enrolled: bounded, and never its exit code (Central adds, never
/// gates). Said on stderr in text mode, so `--json` keeps one object on stdout.
pub async fn push_when_enrolled(open: &Workstation, printer: &Printer) {
    let http = central::background_http();
    match central::push_to_central(&open.till, &open.data_dir, http).await {
        Err(CentralFailure::NotEnrolled) => {}
        Ok(report) if !printer.json => eprintln!("{}", words::push_report(printer.lang, &report)),
        Err(error) if !printer.json => eprintln!("{}", words::failure(printer.lang, &error)),
        _ => {}
    }
}

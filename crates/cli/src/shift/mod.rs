//! `caja shift`: the drawer's life from the float counted at opening to the Z report, with the same
//! rules and approvals as the desktop's Turno screen. Each action calls the desk's view (so what a
//! cashier may see before the blind count is decided in one place) or the till, and [`print`] says the
//! answer as text or JSON.

mod print;

use std::path::Path;

use desk::backups::Occasion;
use desk::views::{self, CountInput, MovementInput, PiecesInput};
use desk::wording::cli as words;
use till::TillError;
use till::cash::CashCount;
use till::shift::Direction;

use crate::args::{ApprovalArgs, Cli, CountArgs, ShiftAction};
use crate::output::{CliError, Printer};
use crate::session::with_till;
use crate::staff;

/// The automatic backup after a closing, or the daily one at a shift's opening: a failure is said on
/// stderr (stdout keeps its one JSON object) and never fails the command.
async fn backup_after(ws: &desk::Workstation, occasion: Occasion) {
    let data_dir = ws.data_dir.clone();
    if let Some(error) = desk::backups::automatic_in_background(data_dir, occasion).await {
        let problem = desk::wording::cli::backup::automatic_failed(ws.settings.lang, &error);
        eprintln!("{problem}");
    }
}

pub async fn run(
    cli: &Cli,
    printer: &Printer,
    action: &ShiftAction,
    approval: &ApprovalArgs,
) -> Result<(), CliError> {
    match action {
        ShiftAction::Open { count } => {
            let count = required(printer, read_count(printer, count)?)?;
            with_till(cli, printer, async |ws| {
                let count = CashCount::parse_in(ws.settings.country, &count)?;
                ws.till.open_shift(count.clone()).await?;
                let view = views::shift(ws).await?.ok_or(TillError::NoShiftOpen)?;
                print::opened(printer, &view, &count, ws.settings.country);
                backup_after(ws, Occasion::Daily).await;
                Ok(())
            })
            .await
        }
        ShiftAction::Status => {
            with_till(cli, printer, async |ws| {
                print::status(printer, views::shift(ws).await?.as_ref());
                Ok(())
            })
            .await
        }
        ShiftAction::CashIn { amount } => {
            move_cash(cli, printer, Direction::In, amount, approval).await
        }
        ShiftAction::CashOut { amount } => {
            move_cash(cli, printer, Direction::Out, amount, approval).await
        }
        ShiftAction::X => {
            with_till(cli, printer, async |ws| {
                print::x_report(printer, &views::x_report(ws).await?);
                Ok(())
            })
            .await
        }
        ShiftAction::Count { count, card_batch } => {
            let count = required(printer, read_count(printer, count)?)?;
            with_till(cli, printer, async |ws| {
                let country = ws.settings.country;
                let count = CashCount::parse_in(country, &count)?;
                let card_batch = card_batch.as_deref().unwrap_or("");
                let view = views::count_closing(ws, count_input(&count), card_batch).await?;
                print::counted(printer, &view, &count, country);
                Ok(())
            })
            .await
        }
        ShiftAction::Close { count, card_batch } => {
            let count = read_count(printer, count)?;
            with_till(cli, printer, async |ws| {
                if let Some(count) = &count {
                    let count = CashCount::parse_in(ws.settings.country, count)?;
                    let card_batch = card_batch.as_deref().unwrap_or("");
                    views::count_closing(ws, count_input(&count), card_batch).await?;
                }
                // Asked for only when given: a supervisor closing without differences over the
                // tolerance is not asked for their PIN again.
                let approval = match approval.approver.is_some() || approval.reason.is_some() {
                    true => staff::approval(printer, ws.till.staff(), approval)?,
                    false => None,
                };
                let report = ws.till.close_shift(approval.as_ref()).await?;
                backup_after(ws, Occasion::Closing).await;
                let filed = print::Filed {
                    number: report.number,
                    shift_id: report.shift.id,
                    closed_at: report.shift.closed_at,
                    approval: report.approval.clone(),
                };
                let papers =
                    desk::closing::deliver(report, ws.settings.clone(), ws.data_dir.clone(), false)
                        .await;
                print::closed(printer, &filed, papers);
                Ok(())
            })
            .await
        }
        ShiftAction::Z { number: None, .. } => {
            with_till(cli, printer, async |ws| {
                print::z_list(printer, &ws.till.z_reports().await?);
                Ok(())
            })
            .await
        }
        ShiftAction::Z {
            number: Some(number),
            reprint,
        } => {
            with_till(cli, printer, async |ws| {
                let report = ws.till.z_report(*number).await?;
                let view = desk::closing::deliver(
                    report,
                    ws.settings.clone(),
                    ws.data_dir.clone(),
                    *reprint,
                )
                .await
                .map_err(CliError::Paper)?;
                print::z_report(printer, &view);
                Ok(())
            })
            .await
        }
    }
}

/// Cash in or out. `--reason` is the movement's reason, and the approval's when one is needed: only
/// above the settings' threshold, and only when a supervisor is named (`--approver`) or signed in, is
/// an approval made (and a PIN read); otherwise the till says one is required.
async fn move_cash(
    cli: &Cli,
    printer: &Printer,
    direction: Direction,
    amount: &str,
    args: &ApprovalArgs,
) -> Result<(), CliError> {
    with_till(cli, printer, async |ws| {
        let threshold = ws.till.shift_rules().movement_approval_above;
        let above = ws
            .settings
            .country
            .parse_money(amount)
            .is_some_and(|typed| typed > threshold.centimos());
        let supervisor_here = args.approver.is_some()
            || ws
                .till
                .staff()
                .operator()
                .is_some_and(|person| person.is_supervisor());
        let approval = match above && supervisor_here {
            true => staff::approval(printer, ws.till.staff(), args)?,
            false => None,
        };
        let input = MovementInput {
            direction,
            amount: amount.to_owned(),
            reason: args.reason.clone().unwrap_or_default(),
            approval,
        };
        let view = views::move_cash(ws, input).await?;
        print::moved(printer, &view);
        Ok(())
    })
    .await
}

/// The count typed with `--count`, or read from `--count-file`, as text (read in the store's
/// currency once the till is open); `None` when neither was given.
fn read_count(printer: &Printer, args: &CountArgs) -> Result<Option<String>, CliError> {
    match (&args.count, &args.count_file) {
        (Some(text), _) => Ok(Some(text.clone())),
        (None, Some(path)) => read_file(printer, path).map(Some),
        (None, None) => Ok(None),
    }
}

fn read_file(printer: &Printer, path: &Path) -> Result<String, CliError> {
    std::fs::read_to_string(path).map_err(|error| {
        CliError::other(
            "io",
            words::count_file_unreadable(printer.lang, path, &error),
        )
    })
}

fn required(printer: &Printer, count: Option<String>) -> Result<String, CliError> {
    count.ok_or_else(|| CliError::missing("count", words::count_missing(printer.lang)))
}

/// A parsed count in the form the desktop's view takes.
fn count_input(count: &CashCount) -> CountInput {
    CountInput {
        pieces: count
            .pieces
            .iter()
            .map(|(centimos, pieces)| PiecesInput {
                centimos: *centimos,
                pieces: *pieces,
            })
            .collect(),
    }
}

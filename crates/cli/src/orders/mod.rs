//! `caja order`: credit sales with the aCuotaz orders API, with the same rules as the desktop's Venta
//! a cuotas screen. Each action calls the desk's view (which parses what was typed, so the command line
//! and the screen accept and refuse the same), and [`print`] says the answer as text or JSON.
//!
//! Exit codes follow the other commands': a local refusal (an amount outside the limits, a refund above
//! what is left, an order not refundable or unknown here) is bad input, 2, nothing sent; the provider's
//! refusal is 3; an unknown outcome, a call still open or aCuotaz unreachable is 4.

mod print;
mod qr;
pub mod sync;

use std::time::Duration;

use desk::Workstation;
use desk::views::{self, OrderInput, RefundInput};
use desk::wording::cli as words;
use till::TillError;
use till::error::InputProblem;

use crate::args::orders::{CreateArgs, OrderAction, RefundArgs};
use crate::args::{ApprovalArgs, Cli};
use crate::output::{CliError, Printer};
use crate::session::with_till;
use crate::staff;

/// Between two rounds of following while `--wait` runs; the till's back-off decides when aCuotaz is
/// actually asked again.
const WAIT_ROUND: Duration = Duration::from_millis(500);

pub async fn run(cli: &Cli, printer: &Printer, action: &OrderAction) -> Result<(), CliError> {
    match action {
        OrderAction::Limits { refresh, amount } => {
            with_till(cli, printer, async |ws| {
                let limits = views::order_limits(ws, *refresh).await?;
                let add_on = match amount {
                    Some(amount) => views::order_add_on(ws, amount).await?,
                    None => None,
                };
                print::limits(printer, &limits, amount.as_deref(), add_on.as_deref());
                Ok(())
            })
            .await
        }
        OrderAction::Create(args) => {
            let input = order_input(printer, args)?;
            with_till(cli, printer, async |ws| {
                let view = views::create_order(ws, input.clone()).await?;
                print::created(printer, &view, args.qr);
                Ok(())
            })
            .await
        }
        OrderAction::Status { order_id, wait, qr } => {
            with_till(cli, printer, async |ws| {
                status(ws, printer, order_id, *wait, *qr).await
            })
            .await
        }
        OrderAction::List { day } => {
            let day = day.as_deref().map(typed_day).transpose()?;
            with_till(cli, printer, async |ws| {
                let views = match &day {
                    Some(day) => views::credit_orders(ws, day).await?,
                    None => views::follow_orders(ws).await?,
                };
                print::list(printer, &views);
                Ok(())
            })
            .await
        }
        OrderAction::Confirm { order_id } => {
            with_till(cli, printer, async |ws| {
                let view = views::confirm_order(ws, order_id).await?;
                print::confirmed(printer, &view);
                Ok(())
            })
            .await
        }
        OrderAction::Cancel { order_id } => {
            with_till(cli, printer, async |ws| {
                let view = views::cancel_order(ws, order_id).await?;
                print::canceled(printer, &view);
                Ok(())
            })
            .await
        }
        OrderAction::Refund(args) => refund(cli, printer, args).await,
    }
}

/// The order asked to aCuotaz now; with `wait`, followed until it is no longer open or the time is up.
async fn status(
    ws: &Workstation,
    printer: &Printer,
    order_id: &str,
    wait: Option<u64>,
    qr: bool,
) -> Result<(), CliError> {
    let mut view = views::order(ws, order_id, true).await?;
    if let Some(seconds) = wait {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(seconds);
        while view.open && tokio::time::Instant::now() < deadline {
            let left = deadline - tokio::time::Instant::now();
            tokio::time::sleep(WAIT_ROUND.min(left)).await;
            // Due retries and status reads only: the till's back-off paces the questions to aCuotaz.
            ws.till.follow_due().await?;
            view = views::order(ws, order_id, false).await?;
        }
    }
    print::status(printer, &view, wait, qr);
    Ok(())
}

async fn refund(cli: &Cli, printer: &Printer, args: &RefundArgs) -> Result<(), CliError> {
    let reason = required(printer, "reason", "--reason", args.reason.as_deref())?;
    with_till(cli, printer, async |ws| {
        // As `caja undo` asks: the supervisor named (their PIN from CAJA_APPROVER_PIN or typed), else
        // the signed-in supervisor (their PIN once more); nobody: the till says whether one is needed.
        let named = ApprovalArgs {
            approver: args.supervisor.clone(),
            reason: None,
        };
        let approval =
            staff::approval(printer, ws.till.staff(), &named)?.map(|approval| till::Approval {
                reason: reason.clone(),
                ..approval
            });
        let input = RefundInput {
            amount: args.amount.clone(),
            reason: reason.clone(),
            approval,
        };
        let view = views::refund_order(ws, &args.order_id, input).await?;
        print::refunded(printer, &view);
        Ok(())
    })
    .await
}

/// What `caja order create` was given, every flag present (the desk checks what they hold).
fn order_input(printer: &Printer, args: &CreateArgs) -> Result<OrderInput, CliError> {
    Ok(OrderInput {
        amount: required(printer, "amount", "--amount", args.amount.as_deref())?,
        description: required(
            printer,
            "description",
            "--description",
            args.description.as_deref(),
        )?,
        dni: required(printer, "dni", "--dni", args.dni.as_deref())?,
        name: required(printer, "name", "--name", args.name.as_deref())?,
        phone: required(printer, "phone", "--phone", args.phone.as_deref())?,
        send_sms: args.sms,
    })
}

fn required(
    printer: &Printer,
    field: &'static str,
    flag: &str,
    value: Option<&str>,
) -> Result<String, CliError> {
    value
        .filter(|text| !text.trim().is_empty())
        .map(str::to_owned)
        .ok_or_else(|| CliError::missing(field, words::flag_missing(printer.lang, flag)))
}

/// A day typed `dd/mm/aaaa` (as the screens write dates) or `YYYY-MM-DD` (as `caja history` takes
/// it), as the desk's list takes it.
fn typed_day(typed: &str) -> Result<String, CliError> {
    let text = typed.trim();
    let parts: Vec<&str> = text.split('/').collect();
    let iso = match parts.as_slice() {
        [day, month, year] if day.len() == 2 && month.len() == 2 && year.len() == 4 => {
            format!("{year}-{month}-{day}")
        }
        _ => text.to_owned(),
    };
    till::clock::parse_day(&iso)
        .map(|day| day.to_string())
        .map_err(|_| TillError::invalid("day", typed, InputProblem::Day).into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_are_typed_either_way() {
        assert_eq!(typed_day("30/11/2026").unwrap(), "2026-11-30");
        assert_eq!(typed_day("2026-11-30").unwrap(), "2026-11-30");
        assert!(typed_day("31/02/2026").is_err());
        assert!(typed_day("30-11-2026").is_err());
    }
}

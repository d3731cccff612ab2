//! `caja voucher`: bank transfers checked by aPagos, with the same rules as the desktop's Transferencia
//! / Yape form. Each action calls the desk's view (which parses what was typed, so the command line and
//! the screen accept and refuse the same), and [`print`] says the answer as text or JSON. The receipt
//! is a file: read here, checked from its bytes and put at a public address by the desk
//! (`views::host_receipt`), then registered.
//!
//! Exit codes follow the other commands': a local refusal (a field, an account not the store's, a
//! receipt that is not an image or a PDF, a voucher unknown here) is bad input, 2, nothing sent;
//! aPagos' refusal (its plain text), or a cancel that named a status aPagos no longer has, is 3; a lost
//! answer or aPagos unreachable is 4 — and a register whose answer was lost is never sent again: a
//! supervisor resolves it.

mod print;

use std::time::Duration;

use desk::Workstation;
use desk::views::{self, VoucherInput, VoucherView};
use desk::wording::cli as words;
use desk::wording::vouchers::Tone;
use till::error::VoucherError;
use till::vouchers::{Billing, VoucherState};
use till::{Approval, Till, TillError};

use crate::args::vouchers::{RegisterArgs, VoucherAction};
use crate::args::{ApprovalArgs, Cli};
use crate::output::{CliError, Printer};
use crate::session::with_till;
use crate::staff;

/// The pauses between two reads of aPagos while `--wait` runs: soon at first, then every 10 s.
const WAIT_PAUSES_MS: [u64; 6] = [1_000, 1_000, 2_000, 3_000, 5_000, 10_000];

pub async fn run(
    cli: &Cli,
    printer: &Printer,
    action: &VoucherAction,
    approval: &ApprovalArgs,
) -> Result<(), CliError> {
    match action {
        VoucherAction::Register(args) => register(cli, printer, args).await,
        VoucherAction::Status { voucher_id, wait } => {
            with_till(cli, printer, async |ws| {
                let (view, waited) = status(ws, voucher_id, *wait).await?;
                print::status(printer, &view, waited);
                Ok(())
            })
            .await
        }
        VoucherAction::List => {
            with_till(cli, printer, async |ws| {
                // One pass first, as the desktop's background does: due statuses read, validated
                // transfers billed.
                follow(&ws.till).await;
                let views = views::vouchers(ws).await?;
                print::list(printer, &views);
                Ok(())
            })
            .await
        }
        VoucherAction::Cancel { voucher_id } => {
            with_till(cli, printer, async |ws| {
                let approval = approved(printer, ws, approval, "voucher_cancel")?;
                let view = views::cancel_voucher(ws, voucher_id, approval).await?;
                print::canceled(printer, &view);
                Ok(())
            })
            .await
        }
        VoucherAction::Resolve {
            voucher_id,
            request_id,
            not_sent,
        } => {
            if request_id.is_none() && !not_sent {
                return Err(CliError::missing(
                    "request_id",
                    words::resolution_missing(printer.lang),
                ));
            }
            with_till(cli, printer, async |ws| {
                let approval = approved(printer, ws, approval, "voucher_resolve")?;
                let rid = request_id.as_deref();
                let view = views::resolve_voucher(ws, voucher_id, rid, approval).await?;
                print::resolved(printer, &view);
                Ok(())
            })
            .await
        }
        VoucherAction::Decide {
            voucher_id,
            accept,
            reject,
        } => {
            if !accept && !reject {
                return Err(CliError::missing(
                    "decision",
                    words::decision_missing(printer.lang),
                ));
            }
            with_till(cli, printer, async |ws| {
                let approval = approved(printer, ws, approval, "voucher_decide")?;
                let view = views::decide_voucher(ws, voucher_id, *accept, approval).await?;
                print::decided(printer, &view, *accept);
                Ok(())
            })
            .await
        }
    }
}

/// The supervisor's approval these actions cannot go without: the one typed (see
/// [`staff::approval`]), or why there is none.
fn approved(
    printer: &Printer,
    ws: &Workstation,
    args: &ApprovalArgs,
    what: &'static str,
) -> Result<Approval, CliError> {
    let staff = ws.till.staff();
    match staff::approval(printer, staff, args)? {
        Some(approval) => Ok(approval),
        None => Err(TillError::ApprovalRequired {
            what,
            no_people: !staff.has_people()?,
        }
        .into()),
    }
}

async fn register(cli: &Cli, printer: &Printer, args: &RegisterArgs) -> Result<(), CliError> {
    let input = voucher_input(printer, args)?;
    let path = args.receipt.as_deref().ok_or_else(|| {
        CliError::missing("receipt", words::flag_missing(printer.lang, "--receipt"))
    })?;
    let bytes = std::fs::read(path).map_err(|error| {
        let shown = path.display().to_string();
        CliError::missing(
            "receipt",
            words::receipt_unreadable(printer.lang, &shown, &error.kind().to_string()),
        )
    })?;
    with_till(cli, printer, async |ws| {
        let hosted = views::host_receipt(ws, bytes.clone()).await?;
        let input = VoucherInput {
            receipt_url: hosted.receipt_url.clone(),
            ..input.clone()
        };
        match views::register_voucher(ws, input.clone()).await {
            Ok(view) => {
                print::registered(printer, &view, &hosted);
                Ok(())
            }
            Err(error) => Err(with_lost_voucher(ws, printer, &input, error.into()).await),
        }
    })
    .await
}

/// A register whose answer was lost names the voucher it left, for the supervisor who resolves it:
/// this till's newest unknown voucher with the same operation number and account.
async fn with_lost_voucher(
    ws: &Workstation,
    printer: &Printer,
    input: &VoucherInput,
    error: CliError,
) -> CliError {
    let lost = matches!(
        &error,
        CliError::Till(TillError::Voucher(VoucherError::OutcomeUnknown { call, .. }))
            if *call == "register"
    );
    if !lost {
        return error;
    }
    let found = ws.till.vouchers().await.ok().and_then(|vouchers| {
        vouchers.into_iter().find(|voucher| {
            voucher.state == VoucherState::Unknown
                && voucher.operation_number == input.operation_number.trim()
                && voucher.bank_account_id == input.bank_account_id.trim()
        })
    });
    match found {
        Some(voucher) => CliError::WithNext {
            error: Box::new(error),
            next: words::register_lost(printer.lang, &voucher.voucher_id),
        },
        None => error,
    }
}

/// What `caja voucher register` was given, the flags it cannot go without present (the desk checks
/// what they hold).
fn voucher_input(printer: &Printer, args: &RegisterArgs) -> Result<VoucherInput, CliError> {
    let required = |field: &'static str, flag: &str, value: &Option<String>| {
        value
            .as_deref()
            .filter(|text| !text.trim().is_empty())
            .map(str::to_owned)
            .ok_or_else(|| CliError::missing(field, words::flag_missing(printer.lang, flag)))
    };
    let (customer, funding_code) = match (&args.customer, &args.code) {
        (None, None) => (String::new(), String::new()),
        (Some(customer), Some(code)) => (customer.clone(), code.clone()),
        (None, Some(_)) | (Some(_), None) => {
            let field = if args.customer.is_none() {
                "customer"
            } else {
                "funding_code"
            };
            return Err(CliError::missing(
                field,
                words::sale_half_given(printer.lang),
            ));
        }
    };
    Ok(VoucherInput {
        amount: required("amount", "--amount", &args.amount)?,
        date: args.date.as_deref().map(iso_date).unwrap_or_default(),
        operation_number: required("operation_number", "--operation", &args.operation)?,
        bank_account_id: required("bank_account_id", "--account", &args.account)?,
        customer_dni: required("customer_dni", "--dni", &args.dni)?,
        customer_fullname: required("customer_fullname", "--name", &args.name)?,
        detail: args.detail.clone(),
        receipt_url: String::new(),
        customer,
        funding_code,
    })
}

/// A date typed `dd/mm/aaaa` (as the screens write dates) turned `YYYY-MM-DD`, as the desk's view
/// takes it; anything else goes as typed, for the view to judge.
fn iso_date(typed: &str) -> String {
    let text = typed.trim();
    match text.split('/').collect::<Vec<_>>().as_slice() {
        [day, month, year] if day.len() == 2 && month.len() == 2 && year.len() == 4 => {
            format!("{year}-{month}-{day}")
        }
        _ => text.to_owned(),
    }
}

/// The voucher read again now (billed once validated); with `wait`, read again with growing pauses
/// until aPagos decides (or a supervisor must) or the time is up. Returns the seconds waited, if asked.
async fn status(
    ws: &Workstation,
    voucher_id: &str,
    wait: Option<u64>,
) -> Result<(VoucherView, Option<u64>), CliError> {
    let mut view = views::voucher(ws, voucher_id).await?;
    if let Some(seconds) = wait {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(seconds);
        let mut round = 0;
        while still_deciding(&view) && tokio::time::Instant::now() < deadline {
            let pause = Duration::from_millis(WAIT_PAUSES_MS[round.min(WAIT_PAUSES_MS.len() - 1)]);
            let left = deadline - tokio::time::Instant::now();
            tokio::time::sleep(pause.min(left)).await;
            round += 1;
            view = views::voucher(ws, voucher_id).await?;
        }
    }
    Ok((view, wait))
}

/// One pass over the transfers (`Till::follow_vouchers`: due statuses read, validated ones billed,
/// open billings recorded), a failure logged; then how many still wait for aPagos or their billing.
pub async fn follow(till: &Till) -> usize {
    if let Err(error) = till.follow_vouchers().await {
        tracing::info!(code = error.code(), "transfers not followed in this pass");
    }
    let vouchers = till.vouchers().await.unwrap_or_default();
    vouchers
        .iter()
        .filter(|voucher| {
            let deciding = voucher.state == VoucherState::Pending && !voucher.status_is_final();
            let billing = voucher.is_billable() && voucher.billing != Some(Billing::Failed);
            deciding || billing
        })
        .count()
}

/// aPagos (or Caja's billing after it) may still change the voucher by itself: amber, and not waiting
/// for a supervisor. A lost register (grey) waits for a person, not for time.
pub fn still_deciding(view: &VoucherView) -> bool {
    view.tone == Tone::Waiting && !view.needs_decision
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_typed_either_way() {
        assert_eq!(iso_date("30/11/2026"), "2026-11-30");
        assert_eq!(iso_date(" 2026-11-30 "), "2026-11-30");
        assert_eq!(iso_date("30-11-2026"), "30-11-2026");
    }
}

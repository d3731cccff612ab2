//! `caja aplazame`: Aplazame's POS checkouts (Spain), with the same rules as the desktop. Each action
//! calls the desk's view (which parses what was typed, so the command line and the screen accept and
//! refuse the same), and [`print`] says the answer as text or JSON.
//!
//! Exit codes follow the other commands': a local refusal (an article's field, an email, a checkout
//! unknown here, nothing to decide) is bad input, 2, nothing sent; Aplazame's refusal or a purchase it
//! does not finance is 3; a lost answer or Aplazame unreachable is 4 — and a create whose answer was
//! lost is never sent again: an IPN or a supervisor settles it.

mod key;
mod print;

use std::time::Duration;

use desk::Workstation;
use desk::views::{self, CartLineInput, CheckoutInput, CheckoutView};
use desk::wording::aplazame::Tone;
use desk::wording::cli as words;
use till::error::AplazameError;
use till::{Approval, TillError};

use crate::args::aplazame::{AplazameAction, CheckoutArgs};
use crate::args::{ApprovalArgs, Cli};
use crate::output::{CliError, Printer};
use crate::session::with_till;
use crate::staff;

/// The pauses between two reads of Aplazame while `--wait` runs: soon at first, then every 5 s.
const WAIT_PAUSES_MS: [u64; 5] = [500, 1_000, 2_000, 3_000, 5_000];

pub async fn run(
    cli: &Cli,
    printer: &Printer,
    action: &AplazameAction,
    approval: &ApprovalArgs,
) -> Result<(), CliError> {
    match action {
        AplazameAction::Checkout(args) => {
            let input = checkout_input(printer, args)?;
            with_till(cli, printer, async |ws| {
                let view = views::create_checkout(ws, &input).await?;
                print::one(printer, "checkout", &view, None);
                Ok(())
            })
            .await
        }
        AplazameAction::Status { order_id, wait } => {
            with_till(cli, printer, async |ws| {
                let view = status(ws, order_id, *wait).await?;
                print::one(printer, "status", &view, *wait);
                Ok(())
            })
            .await
        }
        AplazameAction::Confirm { order_id } => {
            with_till(cli, printer, async |ws| {
                let view = views::confirm_checkout(ws, order_id).await?;
                print::one(printer, "confirm", &view, None);
                Ok(())
            })
            .await
        }
        AplazameAction::Reject { order_id } => {
            let reason = approval
                .reason
                .as_deref()
                .filter(|text| !text.trim().is_empty())
                .ok_or_else(|| {
                    CliError::missing("reason", words::rejection_reason_missing(printer.lang))
                })?;
            with_till(cli, printer, async |ws| {
                let view = views::reject_checkout(ws, order_id, reason).await?;
                print::one(printer, "reject", &view, None);
                Ok(())
            })
            .await
        }
        AplazameAction::List => {
            with_till(cli, printer, async |ws| {
                // One pass first, as the desktop's background does: due statuses read.
                if let Err(error) = ws.till.follow_checkouts().await {
                    tracing::info!(code = error.code(), "checkouts not followed in this pass");
                }
                let views = views::checkouts(ws).await?;
                print::list(printer, &views);
                Ok(())
            })
            .await
        }
        AplazameAction::Key => key::save(cli, printer, approval),
        AplazameAction::Resolve {
            order_id,
            checkout_id,
            not_sent,
        } => {
            if checkout_id.is_none() && !not_sent {
                return Err(CliError::missing(
                    "checkout_id",
                    words::checkout_resolution_missing(printer.lang),
                ));
            }
            with_till(cli, printer, async |ws| {
                let approval = approved(printer, ws, approval)?;
                let id = checkout_id.as_deref();
                let view = views::resolve_checkout(ws, order_id, id, approval).await?;
                print::one(printer, "resolve", &view, None);
                Ok(())
            })
            .await
        }
    }
}

/// The supervisor's approval a resolution cannot go without.
fn approved(
    printer: &Printer,
    ws: &Workstation,
    args: &ApprovalArgs,
) -> Result<Approval, CliError> {
    let staff = ws.till.staff();
    match staff::approval(printer, staff, args)? {
        Some(approval) => Ok(approval),
        None => Err(TillError::ApprovalRequired {
            what: "checkout_resolve",
            no_people: !staff.has_people()?,
        }
        .into()),
    }
}

/// What `caja aplazame checkout` was given: each `--item` split into its fields (the desk checks what
/// they hold), the email present.
fn checkout_input(printer: &Printer, args: &CheckoutArgs) -> Result<CheckoutInput, CliError> {
    if args.items.is_empty() {
        return Err(CliError::missing(
            "items",
            words::checkout_flag_missing(printer.lang, "--item"),
        ));
    }
    let email = args
        .email
        .as_deref()
        .filter(|text| !text.trim().is_empty())
        .ok_or_else(|| {
            CliError::missing(
                "email",
                words::checkout_flag_missing(printer.lang, "--email"),
            )
        })?;
    let lines = args
        .items
        .iter()
        .enumerate()
        .map(|(at, text)| item(at + 1, text))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(CheckoutInput {
        lines,
        customer_name: args.name.clone().unwrap_or_default(),
        customer_email: email.to_owned(),
        customer_phone: args.phone.clone().unwrap_or_default(),
        customer_document: args.document.clone().unwrap_or_default(),
    })
}

/// `name;quantity;price;IVA[;discount]`.
fn item(line: usize, text: &str) -> Result<CartLineInput, CliError> {
    let fields: Vec<&str> = text.split(';').collect();
    let field = |at: usize| {
        fields
            .get(at)
            .map_or_else(String::new, |f| f.trim().to_owned())
    };
    if !(4..=5).contains(&fields.len()) {
        return Err(TillError::from(AplazameError::InvalidLine {
            line,
            field: "item",
            value: text.trim().to_owned(),
        })
        .into());
    }
    Ok(CartLineInput {
        name: field(0),
        quantity: field(1),
        unit_price: field(2),
        vat_rate: field(3),
        discount: field(4),
    })
}

/// The checkout read again now; with `wait`, read again with growing pauses while Aplazame or the
/// customer may still move it by themselves, or the time is up.
async fn status(
    ws: &Workstation,
    order_id: &str,
    wait: Option<u64>,
) -> Result<CheckoutView, CliError> {
    let mut view = views::checkout(ws, order_id).await?;
    if let Some(seconds) = wait {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(seconds);
        let mut round = 0;
        while still_moving(&view) && tokio::time::Instant::now() < deadline {
            let pause = Duration::from_millis(WAIT_PAUSES_MS[round.min(WAIT_PAUSES_MS.len() - 1)]);
            let left = deadline - tokio::time::Instant::now();
            tokio::time::sleep(pause.min(left)).await;
            round += 1;
            view = views::checkout(ws, order_id).await?;
        }
    }
    Ok(view)
}

/// Aplazame (or the customer) may still change the checkout by itself: amber, created, and not
/// waiting for the store's decision.
pub fn still_moving(view: &CheckoutView) -> bool {
    view.tone == Tone::Waiting && view.state == "created" && !view.can_decide
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_item_is_split_into_its_fields() {
        let line = item(1, "Zapatillas; 2 ;59,90;21;10,00").unwrap();
        assert_eq!(line.name, "Zapatillas");
        assert_eq!(line.quantity, "2");
        assert_eq!(line.discount, "10,00");
        assert_eq!(item(2, "Calcetines;1;20,00;10").unwrap().discount, "");
        for bad in ["Zapatillas", "a;b;c", "a;1;2;3;4;5"] {
            assert!(item(3, bad).is_err(), "{bad}");
        }
    }
}

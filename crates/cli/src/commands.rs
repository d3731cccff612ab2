//! One function per subcommand: parse what was typed (nothing malformed is sent), call the till, and say
//! the result and the next step.

use desk::views::PaymentInput;
use desk::wording::cli as words;
use serde_json::json;
use till::clock;
use till::identity::{parse_dni, parse_funding_code, parse_ruc_customer};
use till::{CheckResult, CustomerId, FundingCode, JournalEntry, OperationKind, Payment, Tender};

use crate::args::{Cli, Command, Operation, PaymentArgs};
use crate::output::{CliError, Printer, amount, money};
use crate::session::with_till;
use crate::{
    aplazame, doctor, history, orders, sandbox_customer, settings, shift, staff, summary, token,
    vouchers,
};

pub async fn run(cli: Cli, printer: &Printer) -> u8 {
    let name = command_name(&cli.command);
    if let Command::Doctor(args) = &cli.command {
        return doctor::run(&cli, printer, args.bundle.as_deref()).await;
    }
    match dispatch(&cli, printer).await {
        Ok(()) => 0,
        Err(error) => printer.failure(name, &error),
    }
}

fn command_name(command: &Command) -> &'static str {
    match command {
        Command::Check(_) => "check",
        Command::Pay { .. } => "pay",
        Command::Undo { .. } => "undo",
        Command::Summary { .. } => "summary",
        Command::History { .. } => "history",
        Command::Sync { .. } => "sync",
        Command::Sandbox { .. } => "sandbox",
        Command::Doctor(_) => "doctor",
        Command::Token { .. } => "token",
        Command::Users { .. } => "users",
        Command::Settings { .. } => "settings",
        Command::Audit { .. } => "audit",
        Command::Shift { .. } => "shift",
        Command::Order { .. } => "order",
        Command::Central { .. } => "central",
        Command::Voucher { .. } => "voucher",
        Command::Aplazame { .. } => "aplazame",
        Command::Backup { .. } => "backup",
    }
}

async fn dispatch(cli: &Cli, printer: &Printer) -> Result<(), CliError> {
    match &cli.command {
        Command::Check(operation) => {
            let (customer, code) = parse_operation(operation)?;
            with_till(cli, printer, async |open| {
                let result = open.till.check(&customer, &code).await?;
                print_check(printer, &customer, &result);
                Ok(())
            })
            .await
        }
        Command::Pay { operation, payment } => {
            let (customer, code) = parse_operation(operation)?;
            let payment = parse_payment(printer, payment)?;
            with_till(cli, printer, async |open| {
                let entry = open.till.pay(&customer, &code, payment).await?;
                print_operation(printer, &entry);
                Ok(())
            })
            .await
        }
        Command::Undo {
            operation,
            approval,
        } => {
            let (customer, code) = parse_operation(operation)?;
            till::identity::ensure_undo_supported(&customer)?;
            with_till(cli, printer, async |open| {
                let approval = staff::approval(printer, open.till.staff(), approval)?;
                let entry = open.till.undo(&customer, &code, approval.as_ref()).await?;
                print_operation(printer, &entry);
                Ok(())
            })
            .await
        }
        Command::Summary { day, pdf } => {
            let day = match day {
                Some(text) => clock::parse_day(text)?,
                None => clock::lima_today(),
            };
            with_till(cli, printer, async |open| {
                let store = open.settings.store_name.as_str();
                summary::run(&open.till, printer, store, day, pdf.as_deref()).await
            })
            .await
        }
        Command::History { day, pending } => {
            let day = day.as_deref().map(clock::parse_day).transpose()?;
            with_till(cli, printer, async |open| {
                history::run(&open.till, printer, day, *pending)
            })
            .await
        }
        Command::Sync { timeout } => {
            let within = std::time::Duration::from_secs(*timeout);
            with_till(cli, printer, async |open| {
                crate::central::push_when_enrolled(open, printer).await;
                history::sync(&open.till, printer, within).await
            })
            .await
        }
        Command::Sandbox {
            action: Some(action),
            ..
        } => sandbox_customer::run(cli, printer, action).await,
        Command::Sandbox {
            action: None,
            port,
            faults,
            fault_seed,
            state_file,
            pos_client_id,
        } => {
            let faults = faults
                .parse::<sandbox::FaultPlan>()
                .map_err(|error| CliError::other("invalid_input", error.to_string()))?;
            let config = sandbox::SandboxConfig {
                port: *port,
                faults,
                fault_seed: *fault_seed,
                state_file: state_file.clone(),
                pos_client_id: pos_client_id.clone(),
                ..sandbox::SandboxConfig::default()
            };
            serve_sandbox(printer, config).await
        }
        Command::Doctor(_) => unreachable!("run answers the doctor with its own exit code"),
        Command::Token { action, approval } => token::run(cli, printer, action, approval),
        Command::Users { action } => staff::users(cli, printer, action),
        Command::Settings { action } => settings::run(cli, printer, action),
        Command::Audit { action } => staff::audit(cli, printer, action),
        Command::Shift { action, approval } => shift::run(cli, printer, action, approval).await,
        Command::Order { action } => orders::run(cli, printer, action).await,
        Command::Central { action } => crate::central::run(cli, printer, action).await,
        Command::Voucher { action, approval } => {
            vouchers::run(cli, printer, action, approval).await
        }
        Command::Aplazame { action, approval } => {
            aplazame::run(cli, printer, action, approval).await
        }
        Command::Backup { action, approval } => crate::backup::run(cli, printer, action, approval),
    }
}

fn parse_operation(operation: &Operation) -> Result<(CustomerId, FundingCode), CliError> {
    let customer = match (&operation.customer.dni, &operation.customer.ruc) {
        (Some(dni), _) => parse_dni(dni)?,
        (None, Some(ruc)) => parse_ruc_customer(ruc)?,
        (None, None) => unreachable!("clap requires --dni or --ruc"),
    };
    let code = parse_funding_code(&operation.funding_code)?;
    Ok((customer, code))
}

/// The tender as typed: required (a payment without one is refused before anything is sent), in Spanish
/// or English, with the cash received and the card's voucher details checked as the desktop checks them.
fn parse_payment(printer: &Printer, args: &PaymentArgs) -> Result<Payment, CliError> {
    let Some(tender) = args.tender.as_deref().filter(|t| !t.trim().is_empty()) else {
        return Err(CliError::missing(
            "tender",
            words::tender_missing(printer.lang),
        ));
    };
    let input = PaymentInput {
        tender: Some(tender.parse::<Tender>()?),
        received: args.received.clone(),
        card_last4: args.card_last4.clone(),
        card_authorization: args.card_auth.clone(),
    };
    Ok(input.parse()?)
}

fn print_check(printer: &Printer, customer: &CustomerId, result: &CheckResult) {
    let info = &result.info;
    let text = words::check(printer.lang, customer, result);
    let details = json!({
        "funding_code": info.funding_code,
        "customer": { customer.field(): customer.number() },
        "purchase_total": amount(info.purchase_total),
        "downpayment_amount": amount(info.downpayment_amount),
        "downpayment_status": info.downpayment_status,
        "downpayment_channel": info.downpayment_channel,
        "billed_by_ecommerce": info.billed_by_ecommerce,
        "amount_to_collect": amount(result.amount_to_collect),
        "handover_allowed": result.handover_allowed,
        "open_operation": result.open_operation.as_ref().map(|open| json!({
            "id": open.id, "kind": open.kind, "state": open.state, "attempts": open.attempts,
        })),
        "journal_id": result.entry.id,
    });
    printer.success("check", details, &text);
}

fn print_operation(printer: &Printer, entry: &JournalEntry) {
    let mut text = words::operation_confirmed(printer.lang, entry);
    if let Some(payment) = &entry.payment {
        text = format!(
            "{text}\n{}",
            words::paid_with(printer.lang, payment, entry.collect)
        );
    }
    let payment = entry.payment.as_ref();
    let details = json!({
        "tender": payment.map(|p| p.tender),
        "tender_label": payment.map(|p| desk::wording::shift::tender(printer.lang, p.tender)),
        "collected": entry.collect.map(money),
        "received": payment.and_then(|p| p.received).map(money),
        "change": payment.and_then(|p| p.change(entry.collect)).map(money),
        "card_last4": payment.and_then(|p| p.card_last4.clone()),
        "card_authorization": payment.and_then(|p| p.card_authorization.clone()),
        "funding_code": entry.funding_code,
        "customer": { entry.customer.field(): entry.customer.number() },
        "state": entry.state,
        "handover_allowed": entry.kind == OperationKind::PaidAndBilled,
        "journal_id": entry.id,
        "idempotency_key": entry.idempotency_key,
    });
    let command = if entry.kind == OperationKind::PaidAndBilled {
        "pay"
    } else {
        "undo"
    };
    printer.success(command, details, &text);
}

async fn serve_sandbox(printer: &Printer, config: sandbox::SandboxConfig) -> Result<(), CliError> {
    let running = sandbox::start(config)
        .await
        .map_err(|error| CliError::other("sandbox", error.to_string()))?;
    let url = running.url().to_owned();
    let text = words::sandbox_listening(printer.lang, &url);
    printer.success("sandbox", json!({ "url": url }), &text);
    if tokio::signal::ctrl_c().await.is_err() {
        tracing::warn!("cannot listen for Ctrl+C; stopping the sandbox now");
    }
    running.shutdown().await;
    Ok(())
}

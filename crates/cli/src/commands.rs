//! One function per subcommand: parse what was typed (nothing malformed is sent), call the till, and say
//! the result and the next step.

use desk::Label;
use serde_json::json;
use till::clock;
use till::identity::{parse_dni, parse_funding_code, parse_ruc_customer};
use till::{CheckResult, CustomerId, FundingCode, JournalEntry, OperationKind};

use crate::args::{Cli, Command, Operation};
use crate::output::{CliError, Printer, amount};
use crate::setup;
use crate::{history, staff, summary, token};
use desk::Workstation;

pub async fn run(cli: Cli, printer: &Printer) -> u8 {
    let name = command_name(&cli.command);
    match dispatch(&cli, printer).await {
        Ok(()) => 0,
        Err(error) => printer.failure(name, &error),
    }
}

fn command_name(command: &Command) -> &'static str {
    match command {
        Command::Check(_) => "check",
        Command::Pay(_) => "pay",
        Command::Undo { .. } => "undo",
        Command::Summary { .. } => "summary",
        Command::History { .. } => "history",
        Command::Sync { .. } => "sync",
        Command::Sandbox { .. } => "sandbox",
        Command::Token { .. } => "token",
        Command::Users { .. } => "users",
        Command::Settings { .. } => "settings",
        Command::Audit { .. } => "audit",
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
        Command::Pay(operation) => {
            let (customer, code) = parse_operation(operation)?;
            with_till(cli, printer, async |open| {
                let entry = open.till.pay(&customer, &code).await?;
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
                history::sync(&open.till, printer, within).await
            })
            .await
        }
        Command::Sandbox {
            port,
            faults,
            fault_seed,
            state_file,
        } => {
            let faults = faults
                .parse::<sandbox::FaultPlan>()
                .map_err(|error| CliError::other("invalid_input", error.to_string()))?;
            let config = sandbox::SandboxConfig {
                port: *port,
                faults,
                fault_seed: *fault_seed,
                state_file: state_file.clone(),
                ..sandbox::SandboxConfig::default()
            };
            serve_sandbox(printer, config).await
        }
        Command::Token { action, approval } => token::run(cli, printer, action, approval),
        Command::Users { action } => staff::users(cli, printer, action),
        Command::Settings { action } => staff::settings(cli, printer, action),
        Command::Audit { action } => staff::audit(cli, printer, action),
    }
}

/// Opens the till, resumes its outbox (one pass: what crashed or timed out before is resolved now),
/// runs `body`, and always stops the embedded sandbox afterwards.
async fn with_till(
    cli: &Cli,
    printer: &Printer,
    body: impl AsyncFnOnce(&Workstation) -> Result<(), CliError>,
) -> Result<(), CliError> {
    let open = setup::open_workstation(cli).await?;
    if let Err(error) = staff::sign_in(cli, printer, open.till.staff()) {
        open.close().await;
        return Err(error);
    }
    if let Err(error) = open.till.resolve_due().await {
        tracing::warn!(code = error.code(), "the outbox could not be resumed");
    }
    let result = body(&open).await;
    open.close().await;
    result
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

/// The flags that name this customer and code again, for the "next step" line.
fn flags(customer: &CustomerId, code: &str) -> String {
    format!(
        "--{} {} --funding-code {code}",
        customer.field(),
        customer.number()
    )
}

fn print_check(printer: &Printer, customer: &CustomerId, result: &CheckResult) {
    use providers::apurata::downpayment::{DownpaymentChannel, DownpaymentStatus};
    let info = &result.info;
    let pending = info.downpayment_status == DownpaymentStatus::Pending;
    let online = info.downpayment_channel == DownpaymentChannel::ACuotaz;
    let flags = flags(customer, &info.funding_code);
    let status = match (pending, online) {
        (true, _) => printer.say(
            "PENDIENTE (se paga en tienda)",
            "PENDING (to be paid in store)",
        ),
        (false, true) => printer.say("PAGADA en línea (aCuotaz)", "PAID online (aCuotaz)"),
        (false, false) => printer.say("PAGADA en tienda", "PAID in store"),
    };
    let billed = if info.billed_by_ecommerce {
        printer.say("sí", "yes")
    } else {
        printer.say("no", "no")
    };
    let next = if let Some(open) = &result.open_operation {
        printer.say(
            format!(
                "ATENCIÓN: la operación n.° {} («{}») de este código aún no tiene resultado. NO entregue el producto; Caja la sigue verificando (caja sync).",
                open.id,
                open.kind.label(printer.lang)
            ),
            format!(
                "WARNING: operation #{} («{}») on this code has no outcome yet. Do NOT hand over the product; Caja keeps checking it (caja sync).",
                open.id,
                open.kind.label(printer.lang)
            ),
        )
    } else if result.handover_allowed {
        printer.say(
            "Ya está pagado y facturado: puede entregar el producto.",
            "Already paid and billed: the product may be handed over.",
        )
    } else if pending {
        printer.say(
            format!(
                "Cobre {} al cliente y luego márquelo pagado y facturado:\n  caja pay {flags}",
                result.amount_to_collect
            ),
            format!(
                "Collect {} from the customer, then mark it paid and billed:\n  caja pay {flags}",
                result.amount_to_collect
            ),
        )
    } else {
        printer.say(
            format!("No cobre nada: la cuota inicial ya está pagada. Falta facturar:\n  caja pay {flags}"),
            format!("Collect nothing: the down payment is already paid. It still needs billing:\n  caja pay {flags}"),
        )
    };
    let text = printer.say(
        format!(
            "Financiamiento {code} ({doc} {number})\n  Cuota inicial:      {status}\n  COBRAR AHORA:       {collect}\n  Total de la compra: {total}\n  Facturado:          {billed}\n{next}",
            code = info.funding_code,
            doc = customer.field().to_uppercase(),
            number = customer.number(),
            collect = result.amount_to_collect,
            total = info.purchase_total,
        ),
        format!(
            "Financing {code} ({doc} {number})\n  Down payment:    {status}\n  COLLECT NOW:     {collect}\n  Purchase total:  {total}\n  Billed:          {billed}\n{next}",
            code = info.funding_code,
            doc = customer.field().to_uppercase(),
            number = customer.number(),
            collect = result.amount_to_collect,
            total = info.purchase_total,
        ),
    );
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
    let flags = flags(&entry.customer, entry.funding_code.as_str());
    let text = match entry.kind {
        OperationKind::UndoBilling => printer.say(
            format!(
                "Facturación anulada: aCuotaz lo confirmó (operación n.° {id}).\nLa cuota inicial sigue pagada. Para volver a facturar:\n  caja pay {flags}",
                id = entry.id
            ),
            format!(
                "Billing undone: aCuotaz confirmed it (operation #{id}).\nThe down payment stays paid. To bill again:\n  caja pay {flags}",
                id = entry.id
            ),
        ),
        _ => printer.say(
            format!(
                "PAGADO Y FACTURADO: aCuotaz lo confirmó (operación n.° {id}).\nYa puede emitir el comprobante y ENTREGAR EL PRODUCTO.",
                id = entry.id
            ),
            format!(
                "PAID AND BILLED: aCuotaz confirmed it (operation #{id}).\nYou may now issue the receipt and HAND OVER THE PRODUCT.",
                id = entry.id
            ),
        ),
    };
    let details = json!({
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
    let text = printer.say(
        format!(
            "Sandbox de aCuotaz escuchando en {url}\nÚselo con: CAJA_API_URL={url} caja check --dni 14159265 --funding-code 1234567\nCtrl+C para detenerlo."
        ),
        format!(
            "aCuotaz sandbox listening on {url}\nUse it with: CAJA_API_URL={url} caja check --dni 14159265 --funding-code 1234567\nCtrl+C stops it."
        ),
    );
    printer.success("sandbox", json!({ "url": url }), &text);
    if tokio::signal::ctrl_c().await.is_err() {
        tracing::warn!("cannot listen for Ctrl+C; stopping the sandbox now");
    }
    running.shutdown().await;
    Ok(())
}

//! The supervisor's turn once the faults stop, round after round until nothing is left to do (the
//! followers still racing): a register whose answer was lost is resolved from aPagos' record (its
//! dashboard: the voucher under our id, or none — then it was never sent, and the cashier registers
//! the transfer again), a corrected amount is accepted, the IN_REVIEW transfers aPagos' staff will
//! validate are validated (the moment kept: nothing may be billed before it), the vouchers aPagos may
//! have decided are read again, and `caja sync` drains the outbox.

use std::collections::BTreeMap;
use std::time::Instant;

use jiff::Timestamp;
use sandbox::{ApagosState, VoucherStatus};
use serde_json::Value;

use super::actors::register;
use super::{Floor, LUIS, ROSA, VoucherSoakConfig, reviewed};

/// What the supervisor did.
#[derive(Debug, Clone, Default)]
pub struct Settled {
    pub rounds: u32,
    pub resolved_with_request_id: usize,
    pub resolved_not_sent: usize,
    pub registered_again: usize,
    pub accepted: usize,
    /// aPagos' staff validated these (request id → the moment just before).
    pub reviewed: BTreeMap<String, Timestamp>,
    /// Everything settled before the bound.
    pub done: bool,
    /// What was left when the bound passed.
    pub left: Vec<String>,
    pub millis: u64,
}

pub fn settle(
    floor: &Floor,
    apagos: &ApagosState,
    runtime: &tokio::runtime::Runtime,
    config: &VoucherSoakConfig,
) -> Settled {
    let started = Instant::now();
    let mut settled = Settled::default();
    let mut again: BTreeMap<String, usize> = BTreeMap::new();
    loop {
        settled.rounds += 1;
        let listed = floor.run(&LUIS, "list", &["voucher", "list"]);
        let views: Vec<Value> = listed["vouchers"].as_array().cloned().unwrap_or_default();
        let held = apagos.vouchers();
        let at_apagos = |id: &str| held.iter().find(|voucher| voucher.typed.order_id == id);
        let mut left = Vec::new();

        // aPagos' staff finish their reviews.
        for voucher in &held {
            let code = views
                .iter()
                .find(|view| view["voucherId"] == voucher.typed.order_id.as_str())
                .and_then(|view| view["fundingCode"].as_str());
            let to_review = code
                .and_then(|code| floor.sale_of(code))
                .is_some_and(|sale| reviewed(sale.planned.fate));
            if to_review && voucher.status == VoucherStatus::Other("IN_REVIEW".to_owned()) {
                settled
                    .reviewed
                    .insert(voucher.request_id.clone(), Timestamp::now());
                let _inside = runtime.enter();
                apagos.set_status(&voucher.request_id, VoucherStatus::Validated);
            }
        }

        for view in &views {
            let id = view["voucherId"].as_str().unwrap_or_default();
            let code = view["fundingCode"].as_str().unwrap_or_default();
            let state = view["state"].as_str().unwrap_or_default();
            let status = view["status"].as_str();
            let reason = "Revisado en el panel de aPagos";
            match state {
                "unknown" => {
                    left.push(format!("{id} unknown"));
                    let args: Vec<&str> = match at_apagos(id) {
                        Some(voucher) => {
                            settled.resolved_with_request_id += 1;
                            let rid = voucher.request_id.as_str();
                            vec!["voucher", "resolve", id, "--request-id", rid]
                        }
                        None => {
                            settled.resolved_not_sent += 1;
                            vec!["voucher", "resolve", id, "--not-sent"]
                        }
                    };
                    let mut args = args;
                    args.extend(["--reason", reason]);
                    floor.run(&ROSA, "resolve", &args);
                }
                "abandoned" | "refused" => {
                    let open = views.iter().any(|other| {
                        other["fundingCode"] == code
                            && !matches!(other["state"].as_str(), Some("abandoned" | "refused"))
                    });
                    let tries = again.entry(code.to_owned()).or_default();
                    if let (false, Some(sale), true) = (open, floor.sale_of(code), *tries < 3) {
                        left.push(format!("{id} {state}: registered again"));
                        *tries += 1;
                        settled.registered_again += 1;
                        register(floor, sale);
                    }
                }
                "sending" => left.push(format!("{id} sending")),
                _ if view["needsDecision"] == true => {
                    left.push(format!("{id} needs a decision"));
                    settled.accepted += 1;
                    let args = ["voucher", "decide", id, "--accept", "--reason", reason];
                    floor.run(&ROSA, "decide", &args);
                }
                _ => {
                    let sale = floor.sale_of(code);
                    let deciding = matches!(status, None | Some("PENDING"))
                        || (status == Some("IN_REVIEW")
                            && sale.is_some_and(|sale| reviewed(sale.planned.fate)));
                    let billing = status == Some("VALIDATED")
                        && view["billing"] != "billed"
                        && view["billing"] != "failed";
                    if deciding || billing {
                        left.push(format!(
                            "{id} {} {}",
                            status.unwrap_or("-"),
                            view["billing"]
                        ));
                        floor.run(&LUIS, "status", &["voucher", "status", id]);
                    }
                }
            }
        }
        let open_rows = super::verdict::open_rows(&floor.caja.data_dir);
        if open_rows > 0 {
            left.push(format!("{open_rows} journal rows open"));
        }
        floor.run(&LUIS, "sync", &["sync", "--timeout", "3"]);
        if left.is_empty() {
            settled.done = true;
        }
        if settled.done || started.elapsed() >= config.settle_bound {
            settled.left = left;
            settled.millis = started.elapsed().as_millis() as u64;
            return settled;
        }
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
}

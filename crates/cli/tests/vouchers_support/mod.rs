//! What the `caja voucher` tests share, on the orders' till (`orders_support`: the built binary, a
//! real SQLite data folder, the sandbox served in this process over loopback): the simulator's aPagos
//! deciding quickly, receipt files written in the data folder, the register's flags, and what reached
//! aPagos read from the simulator's own record.

#![allow(dead_code)]

use std::path::PathBuf;

use sandbox::{ApagosFaults, ApagosTiming, Voucher as ApagosVoucher};
use serde_json::Value;

use crate::orders_support::{OrdersTill, Who};

/// The documented pair the sandbox seeds: DNI, funding code, and its down payment.
pub const DNI: &str = "14159265";
pub const CODE: &str = "1234567";
pub const DOWN_PAYMENT: &str = "579.98";
pub const ACCOUNT: &str = "BCP-SOLES-001";

/// The first bytes of a PNG image (the type is read from them) and a little more.
pub const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0";

/// A till whose aPagos decides after `delay_ms`.
pub fn till(staffed: bool, delay_ms: u64) -> OrdersTill {
    let till = if staffed {
        OrdersTill::staffed()
    } else {
        OrdersTill::new()
    };
    till.provider.apagos().set_timing(ApagosTiming {
        validation_delay_ms: delay_ms,
        ..ApagosTiming::default()
    });
    till
}

/// Writes `bytes` as `name` in the till's folder and returns its path.
pub fn file(till: &OrdersTill, name: &str, bytes: &[u8]) -> String {
    let path: PathBuf = till.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    path.to_string_lossy().into_owned()
}

/// `voucher register` of `amount` with operation `operation` to `ACCOUNT`, the receipt `receipt`.
pub fn register_args(amount: &str, operation: &str, receipt: &str) -> Vec<String> {
    [
        "voucher",
        "register",
        "--amount",
        amount,
        "--operation",
        operation,
        "--account",
        ACCOUNT,
        "--dni",
        DNI,
        "--name",
        "Ana María Quispe",
        "--receipt",
        receipt,
    ]
    .map(str::to_owned)
    .to_vec()
}

/// The same, paying the documented pair's down payment.
pub fn paying_args(operation: &str, receipt: &str) -> Vec<String> {
    let mut args = register_args(DOWN_PAYMENT, operation, receipt);
    args.extend(["--customer", DNI, "--code", CODE].map(str::to_owned));
    args
}

pub fn strs(args: &[String]) -> Vec<&str> {
    args.iter().map(String::as_str).collect()
}

/// `caja --json voucher ...` that must succeed; returns the voucher view.
pub fn voucher(till: &OrdersTill, who: Who, args: &[&str]) -> Value {
    till.ok(who, args)["voucher"].clone()
}

/// A shift open (pays need one) and the pair checked (what to collect is then known).
pub fn ready_to_collect(till: &OrdersTill, who: Who) {
    till.ok(who, &["shift", "open", "--count", "100=2,10=5"]);
    let check = till.ok(who, &["check", "--dni", DNI, "--funding-code", CODE]);
    assert_eq!(check["amount_to_collect"], DOWN_PAYMENT, "{check}");
}

/// The vouchers the simulator holds.
pub fn held(till: &OrdersTill) -> Vec<ApagosVoucher> {
    till.provider.apagos().vouchers()
}

pub fn lose_next_register(till: &OrdersTill) {
    till.provider.apagos().set_faults(ApagosFaults {
        drop_register_answer: 1,
        ..ApagosFaults::default()
    });
}

/// The till's paid-and-billed rows, as `caja history` lists them.
pub fn billings(till: &OrdersTill) -> Vec<Value> {
    let history = till.ok(None, &["history"]);
    history["entries"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|entry| entry["kind"] == "paid_and_billed")
        .cloned()
        .collect()
}

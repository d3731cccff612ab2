//! `caja voucher`'s flags, as clap reads them. What the cashier types is taken as text and checked by
//! the desk's views (as the desktop's Transferencia / Yape form checks it), so a missing or wrong value
//! is answered in the cashier's words, under `--json` too, with the field to fix. The supervisor's
//! approval (`--approver`, `--reason`, the PIN from CAJA_APPROVER_PIN) is flattened in by the command.

use std::path::PathBuf;

use clap::{Args, Subcommand};

#[derive(Debug, Subcommand)]
pub enum VoucherAction {
    /// Register a customer's bank transfer (or Yape) with aPagos, its receipt attached: journaled
    /// first, sent once. With --customer and --code it pays that down payment, billed by Caja itself
    /// once aPagos validates it
    Register(RegisterArgs),
    /// A voucher now (asked to aPagos again; billed once validated); with --wait, followed until aPagos
    /// decides or the time is up
    Status {
        /// The voucher id, e.g. T01-C1-V000001
        voucher_id: String,
        /// Keep following for up to this many seconds
        #[arg(long, value_name = "SECONDS")]
        wait: Option<u64>,
    },
    /// Today's vouchers and every one still open (the due ones asked to aPagos first)
    List,
    /// Cancel a voucher at aPagos, naming the status last seen; needs a supervisor (--approver, their
    /// PIN from CAJA_APPROVER_PIN, --reason)
    Cancel {
        /// The voucher id
        voucher_id: String,
    },
    /// Settle a register whose answer was lost, with aPagos' request_id (from its notice or its
    /// dashboard) or as never sent; needs a supervisor
    Resolve {
        /// The voucher id
        voucher_id: String,
        /// aPagos' number for this voucher (24 hex digits); checked with aPagos first
        #[arg(long, value_name = "RID", conflicts_with = "not_sent")]
        request_id: Option<String>,
        /// It never reached aPagos: marked abandoned (the cashier takes another tender)
        #[arg(long)]
        not_sent: bool,
    },
    /// Accept or reject the amount aPagos validated when it differs from the down payment; needs a
    /// supervisor
    Decide {
        /// The voucher id
        voucher_id: String,
        /// Bill the down payment with this transfer all the same
        #[arg(long, conflicts_with = "reject")]
        accept: bool,
        /// Do not bill with it: the cashier takes another tender
        #[arg(long)]
        reject: bool,
    },
}

/// `caja voucher register`.
#[derive(Debug, Args)]
pub struct RegisterArgs {
    /// The amount transferred in soles, as the receipt shows it, e.g. 579.98
    #[arg(long, value_name = "AMOUNT")]
    pub amount: Option<String>,
    /// The transfer's date, YYYY-MM-DD (or dd/mm/aaaa) [default: today in Lima]
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,
    /// The operation number on the receipt (4 to 20 digits)
    #[arg(long, value_name = "NUMBER")]
    pub operation: Option<String>,
    /// The store's account the customer transferred to (one of caja settings' bank accounts)
    #[arg(long, value_name = "ACCOUNT")]
    pub account: Option<String>,
    /// The DNI of the person who transferred (8 digits)
    #[arg(long, value_name = "DNI")]
    pub dni: Option<String>,
    /// Their full name
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    /// A note for aPagos (200 characters at most)
    #[arg(long, value_name = "TEXT")]
    pub detail: Option<String>,
    /// The receipt: a JPEG, PNG or WebP image or a PDF (checked from its bytes)
    #[arg(long, value_name = "FILE")]
    pub receipt: Option<PathBuf>,
    /// The customer of the down payment it pays: DNI (8 digits) or RUC (11), with --code
    #[arg(long, value_name = "DNI|RUC")]
    pub customer: Option<String>,
    /// The funding code of the down payment it pays, with --customer
    #[arg(long, value_name = "FUNDING_CODE")]
    pub code: Option<String>,
}

//! `caja shift`'s actions as clap reads them: opening with the float counted, cash in and out, the X
//! report, the blind count and closing, and the count given as text or a file.

use std::path::PathBuf;

use clap::{Args, Subcommand};

#[derive(Debug, Subcommand)]
pub enum ShiftAction {
    /// Open a shift with its float counted by denomination
    Open {
        #[command(flatten)]
        count: CountArgs,
    },
    /// The open shift: float, payments, cash movements, operations without an outcome
    Status,
    /// Cash brought to the drawer (change fund); --reason says why. Above the settings' threshold a
    /// supervisor approves (--approver, CAJA_APPROVER_PIN)
    CashIn {
        /// The amount in soles, e.g. 50.00
        #[arg(long, value_name = "AMOUNT")]
        amount: String,
    },
    /// Cash taken from the drawer (to the safe); --reason says why. Above the settings' threshold a
    /// supervisor approves (--approver, CAJA_APPROVER_PIN)
    CashOut {
        /// The amount in soles, e.g. 50.00
        #[arg(long, value_name = "AMOUNT")]
        amount: String,
    },
    /// The X report: the shift reconciled now (tenders, aCuotaz's side, differences); closes nothing
    X,
    /// The blind count: the drawer's cash by denomination and the card terminal's batch total; the
    /// reconciliation follows
    Count {
        #[command(flatten)]
        count: CountArgs,
        /// The card terminal's batch total, e.g. 246.90 [default: 0]
        #[arg(long, value_name = "AMOUNT")]
        card_batch: Option<String>,
    },
    /// Close the shift and file its Z report (counting first when --count is given); differences over
    /// the tolerance need a supervisor (--approver, CAJA_APPROVER_PIN, --reason)
    Close {
        #[command(flatten)]
        count: CountArgs,
        /// The card terminal's batch total, with --count [default: 0]
        #[arg(long, value_name = "AMOUNT")]
        card_batch: Option<String>,
    },
    /// The Z reports: the list, or one (--number) with its PDF
    Z {
        /// The Z report's number
        #[arg(long, value_name = "N")]
        number: Option<i64>,
        /// A new copy marked REIMPRESIÓN
        #[arg(long, requires = "number")]
        reprint: bool,
    },
}

/// A cash count: `200=1,100=2,0.50=4` (denomination in soles = pieces), or a file holding that text or
/// JSON `{"200": 1}`.
#[derive(Debug, Args)]
#[group(multiple = false)]
pub struct CountArgs {
    /// The count, e.g. "200=1,100=2,10=5,0.50=4"
    #[arg(long, value_name = "COUNT")]
    pub count: Option<String>,
    /// A file with the count (the same text, or JSON {"200": 1})
    #[arg(long, value_name = "FILE")]
    pub count_file: Option<PathBuf>,
}

//! `caja order`'s flags, as clap reads them. What the cashier types is taken as text and checked by
//! the desk's views (as the desktop checks it), so a missing or wrong value is answered in the
//! cashier's words, under `--json` too, with the flag to fix; the supervisor's PIN is never a flag.

use clap::{Args, Subcommand};

#[derive(Debug, Subcommand)]
pub enum OrderAction {
    /// The amounts aCuotaz finances (landing_config): the copy read today, or asked now with --refresh
    Limits {
        /// Ask aCuotaz now instead of using today's copy
        #[arg(long)]
        refresh: bool,
        /// Also aCuotaz's own words for this amount ("desde S/ 18.45 al mes")
        #[arg(long, value_name = "AMOUNT")]
        amount: Option<String>,
    },
    /// Start a credit sale: the amount is checked against the limits, the order is journaled, then
    /// sent; prints its id, its status and the link the customer opens
    Create(CreateArgs),
    /// An order now (its status asked to aCuotaz); with --wait, followed until funded, rejected,
    /// canceled or expired, or until the time is up
    Status {
        /// The order id, e.g. T01-C1-000042
        order_id: String,
        /// Keep following for up to this many seconds (with the till's back-off)
        #[arg(long, value_name = "SECONDS")]
        wait: Option<u64>,
        /// Also draw the link as a QR code in the terminal (while the order is open)
        #[arg(long)]
        qr: bool,
    },
    /// The credit sales of a day (dd/mm/aaaa), or today's and every one still open
    List {
        /// The Lima day, dd/mm/aaaa (or YYYY-MM-DD)
        #[arg(long, value_name = "DD/MM/AAAA")]
        day: Option<String>,
    },
    /// Confirm an approved order (the store takes it)
    Confirm {
        /// The order id
        order_id: String,
    },
    /// Cancel an order that is not confirmed (the customer will not take it); already canceled is
    /// done
    Cancel {
        /// The order id
        order_id: String,
    },
    /// Refund a funded order, all that is left or --amount; needs a supervisor (--supervisor, their
    /// PIN from CAJA_APPROVER_PIN or asked) and --reason
    Refund(RefundArgs),
}

/// `caja order create`.
#[derive(Debug, Args)]
pub struct CreateArgs {
    /// The amount of the sale in soles, e.g. 1499.90
    #[arg(long, value_name = "AMOUNT")]
    pub amount: Option<String>,
    /// What is being bought, e.g. "Refrigeradora LG 420 L"
    #[arg(long, value_name = "TEXT")]
    pub description: Option<String>,
    /// The customer's DNI (8 digits)
    #[arg(long, value_name = "DNI")]
    pub dni: Option<String>,
    /// The customer's first and last names
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    /// The customer's mobile phone (9 digits, starting with 9)
    #[arg(long, value_name = "PHONE")]
    pub phone: Option<String>,
    /// aCuotaz also sends the link to the customer by SMS
    #[arg(long)]
    pub sms: bool,
    /// Also draw the link as a QR code in the terminal
    #[arg(long)]
    pub qr: bool,
}

/// `caja order refund`.
#[derive(Debug, Args)]
pub struct RefundArgs {
    /// The order id
    pub order_id: String,
    /// A partial refund of this amount [default: all that is left]
    #[arg(long, value_name = "AMOUNT")]
    pub amount: Option<String>,
    /// Why (sent to aCuotaz and kept in the audit record)
    #[arg(long, value_name = "TEXT")]
    pub reason: Option<String>,
    /// The approving supervisor [default: the signed-in user, when a supervisor]
    #[arg(
        long,
        visible_alias = "approver",
        env = "CAJA_APPROVER",
        value_name = "NAME"
    )]
    pub supervisor: Option<String>,
}

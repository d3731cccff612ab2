//! `caja aplazame`'s flags, as clap reads them. What the cashier types is taken as text and checked by
//! the desk's views (as the desktop's form checks it), so a missing or wrong value is answered in the
//! cashier's words, under `--json` too, with the field (and the article's line) to fix. The
//! supervisor's approval (`--approver`, `--reason`, the PIN from CAJA_APPROVER_PIN) is flattened in by
//! the command; `reject` takes its reason from the same `--reason`.

use clap::{Args, Subcommand};

#[derive(Debug, Subcommand)]
pub enum AplazameAction {
    /// Ask Aplazame to finance a purchase (Spain, prices with IVA): journaled first, sent once; the
    /// customer goes on on their phone
    Checkout(CheckoutArgs),
    /// A checkout now (asked to Aplazame again); with --wait, followed until Aplazame or the store
    /// decides or the time is up
    Status {
        /// The order id, e.g. T01-C1-A000001
        order_id: String,
        /// Keep following for up to this many seconds
        #[arg(long, value_name = "SECONDS")]
        wait: Option<u64>,
    },
    /// Confirm a financing Aplazame accepted (pending/confirmation_required)
    Confirm {
        /// The order id
        order_id: String,
    },
    /// Reject a financing Aplazame accepted; say why with --reason
    Reject {
        /// The order id
        order_id: String,
    },
    /// Every checkout of this till (the due ones asked to Aplazame first)
    List,
    /// Save the store's Aplazame private key for the mode in force (mock: Aplazame's test mode; live),
    /// read from standard input, never from a flag, and never printed; the simulator needs none
    Key,
    /// Settle a create whose answer was lost, with Aplazame's checkout id (checked: its order must be
    /// this one) or as never sent; needs a supervisor
    Resolve {
        /// The order id
        order_id: String,
        /// Aplazame's id of this checkout
        #[arg(long, value_name = "ID", conflicts_with = "not_sent")]
        checkout_id: Option<String>,
        /// It never reached Aplazame: marked abandoned (the cashier takes another tender)
        #[arg(long)]
        not_sent: bool,
    },
}

/// `caja aplazame checkout`.
#[derive(Debug, Args)]
pub struct CheckoutArgs {
    /// One article, repeated: "name;quantity;unit price with IVA;IVA %;discount with IVA" (the
    /// discount off the whole line, may be left out), e.g. "Zapatillas;2;59,90;21;10,00"
    #[arg(long = "item", value_name = "ARTICLE")]
    pub items: Vec<String>,
    /// The customer's email (Aplazame requires it)
    #[arg(long)]
    pub email: Option<String>,
    /// The customer's full name
    #[arg(long)]
    pub name: Option<String>,
    /// The customer's phone
    #[arg(long)]
    pub phone: Option<String>,
    /// The customer's DNI, NIE or CIF
    #[arg(long)]
    pub document: Option<String>,
}

//! The command line, as clap reads it. Every global flag also reads an environment variable, so IT can
//! deploy a pre-configured till; the token is deliberately not a flag (flags end up in shell histories
//! and process lists).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

pub mod aplazame;
mod approval;
pub mod backup;
pub mod central;
pub mod doctor;
pub mod orders;
pub mod settings;
mod shift;
pub mod vouchers;

use aplazame::AplazameAction;
pub use approval::ApprovalArgs;
use backup::BackupAction;
use central::CentralAction;
use orders::OrderAction;
use settings::SettingsAction;
pub use shift::{CountArgs, ShiftAction};
use vouchers::VoucherAction;

#[derive(Debug, Parser)]
#[command(
    name = "caja",
    version,
    long_version = concat!(env!("CARGO_PKG_VERSION"), "\nNovedades: /usr/share/doc/caja/changelog.gz"),
    about = "Caja: cobro de cuotas iniciales aCuotaz en tienda / aCuotaz in-store down payments",
    long_about = "Caja valida un financiamiento aCuotaz, marca la cuota inicial como pagada y facturada, \
                  anula la facturación e imprime el resumen del día para el cuadre de caja.\n\n\
                  El token del proveedor se lee de CAJA_TOKEN o del almacén de secretos del sistema \
                  («caja token set»); nunca de un parámetro."
)]
pub struct Cli {
    /// Folder of the till's database [default: the platform's data folder]
    #[arg(long, global = true, env = "CAJA_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    /// Which provider to talk to [default: the saved setting, else sandbox]
    #[arg(long, global = true, env = "CAJA_MODE", value_enum)]
    pub mode: Option<ModeArg>,

    /// The provider's root URL (the equivalent of https://apurata.com); sandbox mode starts its own
    /// simulator when none is given
    #[arg(long, global = true, env = "CAJA_API_URL", value_name = "URL")]
    pub api_url: Option<String>,

    /// Seconds a request to the provider may take before its outcome counts as unknown
    #[arg(long, global = true, env = "CAJA_HTTP_TIMEOUT", value_name = "SECONDS")]
    pub http_timeout: Option<u64>,

    /// Print one JSON object on stdout instead of text
    #[arg(long, global = true)]
    pub json: bool,

    /// Language of the text output [default: the saved setting, else es]
    #[arg(long, global = true, env = "CAJA_LANG", value_enum)]
    pub lang: Option<LangArg>,

    /// Store name printed on reports [default: the saved setting]
    #[arg(long, global = true, env = "CAJA_STORE_NAME")]
    pub store_name: Option<String>,

    /// Who is at the till; the PIN is read from CAJA_PIN or asked for, never a flag
    #[arg(long, global = true, env = "CAJA_USER", value_name = "NAME")]
    pub user: Option<String>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ModeArg {
    Sandbox,
    Mock,
    Live,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    Es,
    En,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate a financing (info): what to collect and whether the product may be handed over
    Check(Operation),
    /// Mark the down payment paid and billed (paid-and-billed), saying how it was paid (--tender).
    /// Needs an open shift (caja shift open)
    Pay {
        #[command(flatten)]
        operation: Operation,
        #[command(flatten)]
        payment: PaymentArgs,
    },
    /// Undo the billing of a funding code (undo-billing); the down payment stays paid. Needs a
    /// supervisor's approval
    Undo {
        #[command(flatten)]
        operation: Operation,
        #[command(flatten)]
        approval: ApprovalArgs,
    },
    /// The day summary with detail for the till balancing; cached for when the network is down
    Summary {
        /// The Lima day, YYYY-MM-DD [default: today in Lima]
        #[arg(long, value_name = "YYYY-MM-DD")]
        day: Option<String>,
        /// Also write the summary as a PDF to this file
        #[arg(long, value_name = "FILE")]
        pdf: Option<PathBuf>,
    },
    /// This till's journal, newest first
    History {
        /// Only this Lima day, YYYY-MM-DD
        #[arg(long, value_name = "YYYY-MM-DD")]
        day: Option<String>,
        /// Only the operations still open (in flight or with an unknown outcome)
        #[arg(long, conflicts_with = "day")]
        pending: bool,
    },
    /// Resolve the operations whose outcome is unknown (the outbox), waiting up to --timeout; transfers
    /// aPagos validated are billed on the way
    #[command(visible_alias = "resolve")]
    Sync {
        /// Seconds to keep trying before giving up (the operations stay open)
        #[arg(long, default_value_t = 120, value_name = "SECONDS")]
        timeout: u64,
    },
    /// Serve the provider simulator in the foreground (demo data; Ctrl+C stops it), or play a
    /// customer's phone on a running one (caja sandbox customer ORDER_ID ACTION)
    #[command(args_conflicts_with_subcommands = true)]
    Sandbox {
        #[command(subcommand)]
        action: Option<SandboxAction>,
        /// Port on 127.0.0.1 [default: any free port]
        #[arg(long, default_value_t = 0)]
        port: u16,
        /// Faults to inject, e.g. "paid-and-billed:drop-after-effect:0.2,*:latency=300:0.1"
        /// (also switchable at run time through /__sandbox/faults)
        #[arg(
            long,
            env = "CAJA_SANDBOX_FAULTS",
            value_name = "PLAN",
            default_value = ""
        )]
        faults: String,
        /// Seed for the faults' random draws (same seed, same requests: same faults)
        #[arg(long, default_value_t = 0)]
        fault_seed: u64,
        /// Keep the sandbox's state in this JSON file between runs
        #[arg(long, value_name = "FILE")]
        state_file: Option<PathBuf>,
        /// The store the simulated aCuotaz orders API knows (its pos_client_id)
        #[arg(long, value_name = "ID", default_value = sandbox::DEFAULT_POS_CLIENT_ID)]
        pos_client_id: String,
    },
    /// Check this till for IT, each check with its verdict and fix (exit 0 ok, 1 warnings, 2 failures)
    Doctor(doctor::DoctorArgs),
    /// Manage the provider token in the system secret store (needs a supervisor's approval)
    Token {
        #[command(subcommand)]
        action: TokenAction,
        #[command(flatten)]
        approval: ApprovalArgs,
    },
    /// The people who use this till: cashiers and supervisors
    Users {
        #[command(subcommand)]
        action: UsersAction,
    },
    /// The saved settings; changing the mode, the URL or the idle lock needs a supervisor's approval
    Settings {
        #[command(subcommand)]
        action: SettingsAction,
    },
    /// The tamper-evident record: verify it, or export a day for the accountant
    Audit {
        #[command(subcommand)]
        action: AuditAction,
    },
    /// The shift (turno): open it with the float counted, cash in and out, the X report, the blind
    /// count, closing with its Z report
    Shift {
        #[command(subcommand)]
        action: ShiftAction,
        #[command(flatten)]
        approval: ApprovalArgs,
    },
    /// Credit sales with aCuotaz (Venta a cuotas): limits, create, status, list, confirm, cancel and
    /// refund an order
    Order {
        #[command(subcommand)]
        action: OrderAction,
    },
    /// Bank transfers (Transferencia / Yape) checked by aPagos: register one with its receipt, follow
    /// it until aPagos decides (a down payment it pays is billed by Caja itself once validated), list,
    /// cancel, resolve or decide on one (a supervisor)
    Voucher {
        #[command(subcommand)]
        action: VoucherAction,
        #[command(flatten)]
        approval: ApprovalArgs,
    },
    /// Aplazame (Spain): ask Aplazame to finance a purchase, follow it until Aplazame and the store
    /// decide, confirm or reject it, list them, resolve a lost one (a supervisor)
    Aplazame {
        #[command(subcommand)]
        action: AplazameAction,
        #[command(flatten)]
        approval: ApprovalArgs,
    },
    /// Backups of the till's database to the configured folder: write one now, list, verify, restore
    /// one (a supervisor)
    Backup {
        #[command(subcommand)]
        action: BackupAction,
        #[command(flatten)]
        approval: ApprovalArgs,
    },
    /// Caja Central: enroll this till, its status, push its record now, listen for provider events
    Central {
        #[command(subcommand)]
        action: CentralAction,
    },
}

/// What `caja sandbox` does besides serving.
#[derive(Debug, Subcommand)]
pub enum SandboxAction {
    /// Play the customer's phone on an aCuotaz order of a running sandbox. ACTION: open, apply,
    /// approve, reject, hold, pay-online, pay-in-store (prints the funding code) or expire
    Customer {
        /// The store's order id
        order_id: String,
        /// open, apply, approve, reject, hold, pay-online, pay-in-store or expire
        action: String,
        /// The running sandbox's URL, as `caja sandbox` printed it [default: --api-url]
        #[arg(long, env = "CAJA_SANDBOX_URL", value_name = "URL")]
        sandbox_url: Option<String>,
        /// The DNI the customer applies with (apply) [default: the order's customer_data.dni]
        #[arg(long, value_name = "DNI")]
        dni: Option<String>,
    },
}

/// How the customer paid the down payment.
#[derive(Debug, Args)]
pub struct PaymentArgs {
    /// efectivo (cash), tarjeta (card), yape (Yape/Plin) or transferencia (transfer)
    #[arg(long, value_name = "TENDER")]
    pub tender: Option<String>,
    /// Cash: what the customer handed over, e.g. 600.00 (the change is worked out)
    #[arg(long, value_name = "AMOUNT")]
    pub received: Option<String>,
    /// Card: the last 4 digits on the voucher
    #[arg(long, value_name = "DIGITS")]
    pub card_last4: Option<String>,
    /// Card: the terminal's authorization code
    #[arg(long, value_name = "CODE")]
    pub card_auth: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum UsersAction {
    /// Add a person (the first one must be a supervisor); the PIN is read from CAJA_NEW_PIN or asked
    Add {
        #[arg(long)]
        name: String,
        /// cashier or supervisor
        #[arg(long, default_value = "cashier")]
        role: String,
    },
    /// List the people (never their PINs)
    List,
    /// Turn a person off: they can no longer sign in
    Disable {
        #[arg(long)]
        name: String,
    },
    /// Turn a person on again
    Enable {
        #[arg(long)]
        name: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum AuditAction {
    /// Check the hash chain and the journal against it; names any edited, deleted or reordered row
    Verify,
    /// Write one Lima day of this till's journal as CSV
    Export {
        #[arg(long, value_name = "YYYY-MM-DD")]
        day: String,
        /// The CSV file [default: standard output]
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub enum TokenAction {
    /// Save the token for the current mode; it is read from standard input, never from a flag
    Set,
    /// Say whether a token is configured (never prints it)
    Status,
    /// Remove the saved token for the current mode
    Clear,
}

#[derive(Debug, Args)]
#[group(id = "customer", required = true, multiple = false)]
pub struct Customer {
    /// The customer's DNI (8 digits)
    #[arg(long, value_name = "DNI")]
    pub dni: Option<String>,
    /// The customer's RUC (11 digits)
    #[arg(long, value_name = "RUC")]
    pub ruc: Option<String>,
}

#[derive(Debug, Args)]
pub struct Operation {
    #[command(flatten)]
    pub customer: Customer,
    /// The funding code shown on the customer's phone
    #[arg(long, value_name = "CODE")]
    pub funding_code: String,
}

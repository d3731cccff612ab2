//! `caja central`'s flags, as clap reads them. The enrollment code is a one-time code (it is spent by
//! enrolling), so it may be an argument; the till's key is never typed anywhere.

use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub enum CentralAction {
    /// Enroll this till with the one-time code from Central's admin page (store and till codes from
    /// the orders' settings)
    Enroll {
        /// Central's base URL, e.g. https://central.tienda.pe
        #[arg(long, value_name = "URL")]
        url: String,
        /// The one-time code
        code: String,
        /// Allow plain http:// beyond this machine (a test network only)
        #[arg(long)]
        allow_http: bool,
    },
    /// Where this till is enrolled, the last push, what is pending, the last error
    Status,
    /// Push the audit record and the Z reports to Central now
    Push,
    /// Wait for the provider events Central relays and handle them
    Listen {
        /// One long poll, then exit
        #[arg(long)]
        once: bool,
        /// Seconds each long poll waits for an event (at most 30)
        #[arg(long, default_value_t = 25, value_name = "SECONDS")]
        wait: u64,
    },
}

//! One command's session with the till: open it, sign in whoever the flags or the environment name,
//! resume the outbox, run the command, and stop the embedded sandbox whatever happened.

use desk::Workstation;

use crate::args::Cli;
use crate::output::{CliError, Printer};
use crate::{setup, staff};

/// Opens the till, resumes its outbox (one pass: what crashed or timed out before is resolved now),
/// runs `body`, and always stops the embedded sandbox afterwards.
pub async fn with_till(
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

//! A supervisor's approval as flags, shared by every command that may need one.

use clap::Args;

/// A supervisor's approval: the supervisor (the signed-in user when it is one), their PIN from
/// CAJA_APPROVER_PIN or asked for, and the reason.
#[derive(Debug, Args)]
pub struct ApprovalArgs {
    /// The approving supervisor [default: the signed-in user, when a supervisor]
    #[arg(long, global = true, env = "CAJA_APPROVER", value_name = "NAME")]
    pub approver: Option<String>,
    /// Why (kept in the audit record)
    #[arg(long, global = true, value_name = "TEXT")]
    pub reason: Option<String>,
}

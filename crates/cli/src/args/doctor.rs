//! `caja doctor`'s flags.

use std::path::PathBuf;

use clap::Args;

/// The provider and its token, the clock, the database and audit chain, the disk, backups, printers,
/// the secret store, Central and pending operations. `--json` prints an array of
/// `{check, status, detail, fix}`.
#[derive(Debug, Args)]
pub struct DoctorArgs {
    /// Also write a support bundle (.tar.gz: the report, settings, logs, version; secrets and DNIs
    /// masked) to this file
    #[arg(long, value_name = "FILE")]
    pub bundle: Option<PathBuf>,
}

//! `caja backup`'s flags, as clap reads them.

use std::path::PathBuf;

use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub enum BackupAction {
    /// Write a backup to the configured folder now, verify it and keep the configured number
    Now,
    /// The backups in the folder, oldest first, each checked
    List,
    /// Check one backup: its checksum, SQLite's integrity and the audit chain
    Verify {
        /// The backup file (caja-…-<checksum>.sqlite3)
        file: PathBuf,
    },
    /// Restore one backup (a supervisor): shows what will be lost, and restores only with --yes
    Restore {
        /// The backup file (caja-…-<checksum>.sqlite3)
        file: PathBuf,
        /// Restore after showing what will be lost (without it, only shows)
        #[arg(long)]
        yes: bool,
    },
}

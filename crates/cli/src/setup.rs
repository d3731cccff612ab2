//! From flags and environment to an open workstation. clap reads the `CAJA_*` variables for the flags;
//! the token comes only from `CAJA_TOKEN` or the secret store. What is not given falls back to the
//! settings saved in the data folder (the desktop app's Ajustes), then to the defaults.

use std::path::PathBuf;

use desk::{Lang, Overrides, Workstation};
use till::Mode;

use crate::args::{Cli, LangArg, ModeArg};
use crate::output::CliError;

/// Logs go to stderr, warnings only unless `CAJA_LOG` says otherwise (e.g. `CAJA_LOG=debug`), and to
/// the rotated files of `<data folder>/logs/` at `info` ([`desk::logs`]). Nothing logged carries the
/// token: it lives in a type that cannot print, and `CAJA_TOKEN`'s value is masked in the files anyway.
pub fn init_logging(cli: &Cli) {
    let secrets = desk::redact::Secrets::new(std::env::var("CAJA_TOKEN").ok());
    desk::logs::init(Some(&data_dir(cli)), secrets);
}

pub fn mode(arg: ModeArg) -> Mode {
    match arg {
        ModeArg::Sandbox => Mode::Sandbox,
        ModeArg::Mock => Mode::Mock,
        ModeArg::Live => Mode::Live,
    }
}

pub fn lang(arg: LangArg) -> Lang {
    match arg {
        LangArg::Es => Lang::Es,
        LangArg::En => Lang::En,
    }
}

pub fn data_dir(cli: &Cli) -> PathBuf {
    cli.data_dir.clone().unwrap_or_else(desk::default_data_dir)
}

/// The mode in force: the flag (or `CAJA_MODE`), else the saved one.
pub fn effective_mode(cli: &Cli) -> Result<Mode, CliError> {
    Ok(overrides(cli)
        .apply(&desk::Settings::load(&data_dir(cli))?)
        .mode)
}

pub fn overrides(cli: &Cli) -> Overrides {
    Overrides {
        mode: cli.mode.map(mode),
        api_url: cli.api_url.clone().filter(|url| !url.trim().is_empty()),
        store_name: cli.store_name.clone(),
        lang: cli.lang.map(lang),
        token: std::env::var("CAJA_TOKEN").ok(),
        http_timeout: cli
            .http_timeout
            .filter(|seconds| *seconds > 0)
            .map(std::time::Duration::from_secs),
    }
}

pub async fn open_workstation(cli: &Cli) -> Result<Workstation, CliError> {
    Ok(Workstation::open(&data_dir(cli), &overrides(cli)).await?)
}

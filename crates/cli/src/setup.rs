//! From flags and environment to an open till: the data folder, the mode, the provider URL (starting the
//! embedded sandbox when sandbox mode has none), and the token (`CAJA_TOKEN`, else the secret store, else
//! the public test token in sandbox and mock modes).

use std::path::PathBuf;

use providers::apurata::downpayment::MOCK_TOKEN;
use till::{ApiToken, HttpSettings, Lang, Mode, Till, TillConfig, TillError};

use crate::args::{Cli, LangArg, ModeArg};
use crate::output::CliError;

/// Name of the file in the data folder where the embedded sandbox keeps its state between runs, so
/// `caja pay` followed by `caja undo` behave like one provider.
const SANDBOX_STATE_FILE: &str = "sandbox-state.json";

/// An open till, and the embedded sandbox it talks to when there is one (kept alive as long as the
/// till is used).
pub struct OpenTill {
    pub till: Till,
    pub sandbox: Option<sandbox::RunningSandbox>,
}

impl OpenTill {
    pub async fn close(self) {
        if let Some(sandbox) = self.sandbox {
            sandbox.shutdown().await;
        }
    }
}

/// Logs go to stderr, warnings only unless `CAJA_LOG` says otherwise (e.g. `CAJA_LOG=debug`). Nothing
/// logged carries the token: it lives in a type that cannot print.
pub fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_env("CAJA_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_target(false)
        .init();
}

pub fn mode(cli: &Cli) -> Mode {
    match cli.mode {
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
    cli.data_dir.clone().unwrap_or_else(till::default_data_dir)
}

pub async fn open_till(cli: &Cli) -> Result<OpenTill, CliError> {
    let mode = mode(cli);
    let data_dir = data_dir(cli);
    let configured_url = cli
        .api_url
        .as_deref()
        .map(str::trim)
        .filter(|url| !url.is_empty());
    let (api_url, sandbox) = match (configured_url, mode) {
        (Some(url), _) => (url.to_owned(), None),
        (None, Mode::Sandbox) => {
            std::fs::create_dir_all(&data_dir).map_err(|source| TillError::Io {
                path: data_dir.clone(),
                source,
            })?;
            let config = sandbox::SandboxConfig {
                state_file: Some(data_dir.join(SANDBOX_STATE_FILE)),
                ..sandbox::SandboxConfig::default()
            };
            let running = sandbox::start(config)
                .await
                .map_err(|error| CliError::other("sandbox", error.to_string()))?;
            (running.url().to_owned(), Some(running))
        }
        (None, _) => (mode.default_api_url().unwrap_or_default().to_owned(), None),
    };
    let till = Till::open(TillConfig {
        data_dir,
        mode,
        api_url,
        token: token(mode),
        http: HttpSettings::default(),
    })?;
    Ok(OpenTill { till, sandbox })
}

/// The provider token for `mode`; empty when none is configured (the till then says what to do).
pub fn token(mode: Mode) -> ApiToken {
    if let Some(token) = std::env::var("CAJA_TOKEN")
        .ok()
        .filter(|t| !t.trim().is_empty())
    {
        return ApiToken::new(token);
    }
    if let Some(token) = till::secrets::load_token(mode) {
        return token;
    }
    match mode {
        // The provider publishes this token for its test endpoints; the sandbox accepts it too.
        Mode::Sandbox | Mode::Mock => ApiToken::new(MOCK_TOKEN),
        Mode::Live => ApiToken::new(""),
    }
}

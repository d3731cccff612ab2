//! Central's configuration: a TOML file (`CAJA_CENTRAL_CONFIG`) overridden by the environment
//! (`CAJA_CENTRAL_DATABASE_URL`, `CAJA_CENTRAL_LISTEN`, `CAJA_CENTRAL_PUBLIC_URL`). The stores and their
//! provider credentials live in the file; a credential may instead come from the environment
//! (`CAJA_CENTRAL_<STORE>_ACUOTAZ_WEBHOOK_TOKEN`, `…_APAGOS_TOKEN`, `…_APLAZAME_KEY`) so that the file
//! can be readable by operators while the secrets are not. The chain's release key for signed updates
//! is `update_public_key` (or `CAJA_CENTRAL_UPDATE_PUBLIC_KEY`): public, but it decides what tills run.

use std::net::SocketAddr;
use std::path::Path;

use providers::ApiToken;
use serde::Deserialize;
use url::Url;

/// Everything Central runs with.
#[derive(Debug, Clone)]
pub struct Config {
    pub database_url: String,
    pub listen: SocketAddr,
    /// Where the outside world reaches Central (receipt URLs and webhook URLs are built on it).
    pub public_url: Url,
    /// Which mode's rows the pages show: `live` in production, `sandbox` for the demo.
    pub mode: String,
    pub receipt_days: i64,
    pub receipt_max_bytes: usize,
    /// Days a provider's notification (and what was relayed of it) is kept; then purged.
    pub webhook_days: i64,
    /// Notifications taken per store and provider per minute; more are answered 429 and not kept.
    pub webhooks_per_minute: u32,
    /// How long an Aplazame IPN asking the store's confirmation waits for the till's decision before
    /// it is answered 503 (Aplazame asks again). Default 8 s: under the wait Aplazame gives an answer.
    pub aplazame_confirm_wait: std::time::Duration,
    /// A closing difference above this (céntimos, either sign) is flagged on the day page.
    pub tolerance_centimos: i64,
    /// A till that has not pushed for longer than this is flagged.
    pub stale_after_minutes: i64,
    pub providers: ProviderRoots,
    pub stores: Vec<StoreConfig>,
    /// The chain's release key (the `.pub` file `tauri signer generate` writes, as one base64 line):
    /// a release is published only if its signature holds against it. None: publishing is refused.
    pub update_public_key: Option<String>,
}

/// Where Central re-reads what a webhook claims.
#[derive(Debug, Clone, Deserialize)]
pub struct ProviderRoots {
    /// aPagos' root: `{apagos}/unchecked_payment/info/{request_id}`.
    #[serde(default = "default_apagos")]
    pub apagos: Url,
    /// Aplazame's API root: `{aplazame}/checkout/{id}/status`.
    #[serde(default = "default_aplazame")]
    pub aplazame: Url,
}

impl Default for ProviderRoots {
    fn default() -> Self {
        ProviderRoots {
            apagos: default_apagos(),
            aplazame: default_aplazame(),
        }
    }
}

fn default_apagos() -> Url {
    Url::parse("https://apurata.com/apagos/").expect("a valid URL")
}

fn default_aplazame() -> Url {
    Url::parse("https://api.aplazame.com/").expect("a valid URL")
}

/// One store of the chain and the credentials Central uses on its behalf.
#[derive(Clone, Deserialize)]
pub struct StoreConfig {
    pub code: String,
    pub name: String,
    /// The token aCuotaz sends in `Apurata-Auth: Bearer …` on this store's webhooks.
    #[serde(default, deserialize_with = "token")]
    pub acuotaz_webhook_token: Option<ApiToken>,
    /// The store's aPagos token, to re-read a voucher a callback names.
    #[serde(default, deserialize_with = "token")]
    pub apagos_token: Option<ApiToken>,
    /// The store's Aplazame private key, to re-read a checkout an IPN names.
    #[serde(default, deserialize_with = "token")]
    pub aplazame_key: Option<ApiToken>,
}

impl std::fmt::Debug for StoreConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StoreConfig")
            .field("code", &self.code)
            .field("name", &self.name)
            .finish_non_exhaustive()
    }
}

fn token<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Option<ApiToken>, D::Error> {
    let text = Option::<String>::deserialize(deserializer)?;
    Ok(text.map(ApiToken::new).filter(|token| !token.is_empty()))
}

/// The file's shape; every field optional so the environment can fill it.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileConfig {
    database_url: Option<String>,
    listen: Option<SocketAddr>,
    public_url: Option<Url>,
    mode: Option<String>,
    receipt_days: Option<i64>,
    receipt_max_bytes: Option<usize>,
    webhook_days: Option<i64>,
    webhooks_per_minute: Option<u32>,
    aplazame_confirm_wait_ms: Option<u64>,
    tolerance_centimos: Option<i64>,
    stale_after_minutes: Option<i64>,
    #[serde(default)]
    providers: ProviderRoots,
    #[serde(default)]
    stores: Vec<StoreConfig>,
    update_public_key: Option<String>,
}

/// Why Central cannot start with what it was given.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read the configuration file {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("the configuration file {path} is not valid: {message}")]
    Parse { path: String, message: String },
    #[error("{name} is not valid: {message}")]
    Field { name: &'static str, message: String },
    #[error(
        "no database: set CAJA_CENTRAL_DATABASE_URL (postgres://user:password@host/db) or database_url in the file"
    )]
    NoDatabase,
}

pub const DEFAULT_LISTEN: &str = "127.0.0.1:8470";

impl Config {
    /// Reads the file (when given) and then the environment.
    pub fn load(file: Option<&Path>) -> Result<Config, ConfigError> {
        let from_file = match file {
            Some(path) => {
                let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
                    path: path.display().to_string(),
                    source,
                })?;
                toml::from_str::<FileConfig>(&text).map_err(|error| ConfigError::Parse {
                    path: path.display().to_string(),
                    message: error.message().to_owned(),
                })?
            }
            None => FileConfig::default(),
        };
        Config::from_parts(from_file, |name| std::env::var(name).ok())
    }

    fn from_parts(
        file: FileConfig,
        env: impl Fn(&str) -> Option<String>,
    ) -> Result<Config, ConfigError> {
        let database_url = env("CAJA_CENTRAL_DATABASE_URL")
            .or(file.database_url)
            .ok_or(ConfigError::NoDatabase)?;
        let listen = match env("CAJA_CENTRAL_LISTEN") {
            Some(text) => text.parse().map_err(|_| ConfigError::Field {
                name: "CAJA_CENTRAL_LISTEN",
                message: format!("`{text}` is not an address and port such as {DEFAULT_LISTEN}"),
            })?,
            None => file
                .listen
                .unwrap_or_else(|| DEFAULT_LISTEN.parse().expect("a valid address")),
        };
        let public_url = match env("CAJA_CENTRAL_PUBLIC_URL") {
            Some(text) => Url::parse(&text).map_err(|error| ConfigError::Field {
                name: "CAJA_CENTRAL_PUBLIC_URL",
                message: format!("`{text}` is not a URL: {error}"),
            })?,
            None => file
                .public_url
                .unwrap_or_else(|| Url::parse(&format!("http://{listen}/")).expect("a valid URL")),
        };
        let mode = file.mode.unwrap_or_else(|| "live".to_owned());
        if !["live", "mock", "sandbox"].contains(&mode.as_str()) {
            return Err(ConfigError::Field {
                name: "mode",
                message: format!("`{mode}` is not live, mock or sandbox"),
            });
        }
        let webhook_days = file.webhook_days.unwrap_or(90);
        if webhook_days < 1 {
            return Err(ConfigError::Field {
                name: "webhook_days",
                message: format!("`{webhook_days}` days: keep notifications at least 1 day"),
            });
        }
        let webhooks_per_minute = file.webhooks_per_minute.unwrap_or(600);
        if webhooks_per_minute == 0 {
            return Err(ConfigError::Field {
                name: "webhooks_per_minute",
                message: "0 would refuse every notification: give at least 1".to_owned(),
            });
        }
        let confirm_wait_ms = file.aplazame_confirm_wait_ms.unwrap_or(8_000);
        if confirm_wait_ms > 60_000 {
            return Err(ConfigError::Field {
                name: "aplazame_confirm_wait_ms",
                message: format!(
                    "`{confirm_wait_ms}` ms: Aplazame would give up first (at most 60000)"
                ),
            });
        }
        let mut stores = file.stores;
        for store in &mut stores {
            if !providers::central::wire::is_code(&store.code) {
                return Err(ConfigError::Field {
                    name: "stores.code",
                    message: format!(
                        "`{}` is not a store code (1 to 16 letters, digits or _)",
                        store.code
                    ),
                });
            }
            let secret = |suffix: &str| {
                env(&format!(
                    "CAJA_CENTRAL_{}_{suffix}",
                    store.code.to_uppercase()
                ))
                .map(ApiToken::new)
                .filter(|token| !token.is_empty())
            };
            store.acuotaz_webhook_token =
                secret("ACUOTAZ_WEBHOOK_TOKEN").or(store.acuotaz_webhook_token.take());
            store.apagos_token = secret("APAGOS_TOKEN").or(store.apagos_token.take());
            store.aplazame_key = secret("APLAZAME_KEY").or(store.aplazame_key.take());
        }
        Ok(Config {
            database_url,
            listen,
            public_url,
            mode,
            receipt_days: file.receipt_days.unwrap_or(30),
            receipt_max_bytes: file.receipt_max_bytes.unwrap_or(10 * 1024 * 1024),
            webhook_days,
            webhooks_per_minute,
            aplazame_confirm_wait: std::time::Duration::from_millis(confirm_wait_ms),
            tolerance_centimos: file.tolerance_centimos.unwrap_or(100),
            stale_after_minutes: file.stale_after_minutes.unwrap_or(60),
            providers: file.providers,
            stores,
            update_public_key: env("CAJA_CENTRAL_UPDATE_PUBLIC_KEY")
                .or(file.update_public_key)
                .map(|key| key.trim().to_owned())
                .filter(|key| !key.is_empty()),
        })
    }

    /// A configuration for tests and the demo: one database, loopback, the given stores.
    pub fn for_database(database_url: &str, stores: Vec<StoreConfig>) -> Config {
        let file = FileConfig {
            database_url: Some(database_url.to_owned()),
            stores,
            ..FileConfig::default()
        };
        Config::from_parts(file, |_| None).expect("a valid configuration")
    }

    pub fn store(&self, code: &str) -> Option<&StoreConfig> {
        self.stores.iter().find(|store| store.code == code)
    }
}

impl StoreConfig {
    pub fn new(code: &str, name: &str) -> Self {
        StoreConfig {
            code: code.to_owned(),
            name: name.to_owned(),
            acuotaz_webhook_token: None,
            apagos_token: None,
            aplazame_key: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_environment_wins_over_the_file_and_secrets_never_print() {
        let file: FileConfig = toml::from_str(
            r#"
            database_url = "postgres://file/db"
            [[stores]]
            code = "T01"
            name = "Miraflores"
            acuotaz_webhook_token = "from-file"
            "#,
        )
        .unwrap();
        let config = Config::from_parts(file, |name| match name {
            "CAJA_CENTRAL_DATABASE_URL" => Some("postgres://env/db".into()),
            "CAJA_CENTRAL_T01_APAGOS_TOKEN" => Some("apagos-secret".into()),
            _ => None,
        })
        .unwrap();
        assert_eq!(config.database_url, "postgres://env/db");
        let store = config.store("T01").unwrap();
        assert_eq!(
            store.acuotaz_webhook_token,
            Some(ApiToken::new("from-file"))
        );
        assert_eq!(store.apagos_token, Some(ApiToken::new("apagos-secret")));
        let printed = format!("{config:?}");
        assert!(!printed.contains("from-file") && !printed.contains("apagos-secret"));
    }

    #[test]
    fn a_bad_value_names_the_field() {
        let error = Config::from_parts(FileConfig::default(), |name| {
            (name == "CAJA_CENTRAL_DATABASE_URL").then(|| "postgres://x/y".into())
        })
        .map(|config| config.listen.to_string());
        assert_eq!(error.unwrap(), DEFAULT_LISTEN);
        let error = Config::from_parts(FileConfig::default(), |_| None).unwrap_err();
        assert!(error.to_string().contains("CAJA_CENTRAL_DATABASE_URL"));
    }
}

//! The funding limits (`landing_config`): read from the provider at most once a Lima day unless asked,
//! kept with the time they were read, and served from that copy when the provider cannot be reached.
//! An amount is checked against them before any order exists.

use jiff::Timestamp;
use providers::Soles;
use providers::apurata::orders::LandingConfig;
use rusqlite::{Connection, OptionalExtension, params};

use super::model::Limits;
use crate::clock;
use crate::error::{OrderError, TillError};
use crate::mode::Mode;
use crate::operations::Till;

impl Till {
    /// The limits: the copy read today unless `refresh`, else fresh from the provider (and kept);
    /// when the provider cannot be reached, the last copy marked `from_cache`.
    pub async fn order_limits(&self, refresh: bool) -> Result<Limits, TillError> {
        self.ensure_settings_confirmed()?;
        let api = self.orders_link()?.api.clone();
        let mode = self.mode();
        let cached = self.in_db(move |db| load(db, mode)).await?;
        if !refresh
            && let Some(cached) = &cached
            && clock::lima_day(cached.fetched_at) == clock::lima_today()
        {
            return Ok(cached.clone());
        }
        match api.landing_config().await {
            Ok(config) => {
                let fetched_at = Timestamp::now();
                self.in_db(move |db| store(db, mode, &config, fetched_at))
                    .await
            }
            Err(error) if error.is_refusal() => Err(TillError::Refused {
                operation: None,
                cause: error,
            }),
            Err(error) => match cached {
                Some(cached) => Ok(Limits {
                    from_cache: true,
                    ..cached
                }),
                None => Err(OrderError::LimitsUnavailable { cause: error }.into()),
            },
        }
    }

    /// aCuotaz's add-on for `amount`: the provider's HTML, untrusted (the fronts show it as text only).
    pub async fn order_add_on(&self, amount: Soles) -> Result<String, TillError> {
        let api = self.orders_link()?.api.clone();
        api.add_on(amount).await.map_err(|error| {
            if error.is_refusal() {
                TillError::Refused {
                    operation: None,
                    cause: error,
                }
            } else {
                TillError::OutcomeUnknown {
                    operation: None,
                    cause: error,
                }
            }
        })
    }

    /// Refuses an amount the provider does not finance, saying the limits.
    pub async fn check_order_amount(&self, amount: Soles) -> Result<Limits, TillError> {
        let limits = self.order_limits(false).await?;
        if amount < limits.min_amount || amount > limits.max_amount {
            return Err(OrderError::OutsideLimits {
                amount,
                min: limits.min_amount,
                max: limits.max_amount,
            }
            .into());
        }
        Ok(limits)
    }
}

fn limits_of(config: &LandingConfig, fetched_at: Timestamp) -> Limits {
    Limits {
        min_amount: config.min_amount,
        max_amount: config.max_amount,
        min_steps: config.min_steps,
        max_steps: config.max_steps,
        fetched_at,
        from_cache: false,
    }
}

fn store(
    connection: &Connection,
    mode: Mode,
    config: &LandingConfig,
    fetched_at: Timestamp,
) -> Result<Limits, TillError> {
    let text = serde_json::to_string(config).unwrap_or_default();
    connection
        .execute(
            "INSERT INTO landing_config_cache (mode, config, fetched_at) VALUES (?1, ?2, ?3) \
             ON CONFLICT (mode) DO UPDATE SET config = ?2, fetched_at = ?3",
            params![mode.as_str(), text, fetched_at.to_string()],
        )
        .map_err(TillError::storage("keep the funding limits"))?;
    Ok(limits_of(config, fetched_at))
}

fn load(connection: &Connection, mode: Mode) -> Result<Option<Limits>, TillError> {
    let row: Option<(String, String)> = connection
        .query_row(
            "SELECT config, fetched_at FROM landing_config_cache WHERE mode = ?1",
            [mode.as_str()],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()
        .map_err(TillError::storage("read the funding limits"))?;
    Ok(row.and_then(|(config, at)| {
        let config: LandingConfig = serde_json::from_str(&config).ok()?;
        Some(limits_of(&config, at.parse().ok()?))
    }))
}

//! Aplazame's checkouts between this till and Central, which answers Aplazame's IPN with the store's
//! confirmation: every open checkout Aplazame gave an id is announced (its total, currency, test-mode
//! flag and this till's auto-confirm rule, so that Central can confirm by the rule, and refuses
//! anything that differs), and every decision the store took (a cashier's, or the till's rule) is
//! handed over and marked forwarded once Central took it. Both are idempotent at Central: announcing
//! again what is announced, or giving the same decision again, changes nothing.
//!
//! It runs right after a create, a confirm or a reject (so Central knows before Aplazame asks), and on
//! every turn of the relay (so what failed earlier, or what the till's rule decided on a relayed IPN,
//! goes out within a turn). A failure is logged and left for the next turn, never raised into the
//! cashier's flow: without Central's answer Aplazame asks again, and the till's own status reads say
//! where the checkout stands.

use std::path::Path;
use std::time::Duration;

use providers::HttpSettings;

use providers::central::client::CentralClient;
use serde::Serialize;
use till::Till;

use super::{CentralFailure, background_http, open_client};

/// What one pass handed to Central.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct AplazameForwarded {
    /// Order ids (ours) announced in this pass.
    pub announced: Vec<String>,
    /// Order ids whose decision Central took in this pass.
    pub decided: Vec<String>,
    /// `order id: why`, for each one Central did not take (tried again on the next pass).
    pub failed: Vec<String>,
}

/// One pass on an open client (the relay's).
pub async fn forward_with(till: &Till, client: &CentralClient) -> AplazameForwarded {
    let mut report = AplazameForwarded::default();
    if till.aplazame_setup().is_err() {
        return report;
    }
    let open = match till.checkouts().await {
        Ok(checkouts) => checkouts,
        Err(error) => {
            report.failed.push(format!("checkouts: {}", error.code()));
            return report;
        }
    };
    for checkout in open
        .iter()
        .filter(|checkout| !checkout.is_final() && checkout.checkout_id.is_some())
    {
        let order_id = &checkout.order_id;
        let announcement = match till.checkout_announcement(order_id).await {
            Ok(announcement) => announcement,
            Err(error) => {
                report.failed.push(format!("{order_id}: {}", error.code()));
                continue;
            }
        };
        match client.announce_aplazame(order_id, &announcement).await {
            Ok(_) => report.announced.push(order_id.clone()),
            Err(error) => report.failed.push(format!("{order_id}: {error}")),
        }
    }
    let decisions = match till.pending_decisions().await {
        Ok(decisions) => decisions,
        Err(error) => {
            report.failed.push(format!("decisions: {}", error.code()));
            return report;
        }
    };
    for pending in decisions {
        let order_id = pending.order_id.clone();
        match client.decide_aplazame(&order_id, &pending.request()).await {
            Ok(_) => {
                if let Err(error) = till.decision_forwarded(&order_id).await {
                    report.failed.push(format!("{order_id}: {}", error.code()));
                } else {
                    report.decided.push(order_id);
                }
            }
            // Central already answered Aplazame otherwise (its rule refused a mismatch): the store's
            // decision can no longer change that, and Aplazame's status, read by the till, says how
            // it ended. Marked so that it is not offered again on every turn.
            Err(error) if error.api_code() == Some("already_answered") => {
                tracing::warn!(
                    order_id,
                    "Central had answered Aplazame before this decision"
                );
                let marked = match till.decision_forwarded(&order_id).await {
                    Ok(_) => String::new(),
                    Err(mark) => format!(" (not marked: {})", mark.code()),
                };
                report.failed.push(format!("{order_id}: {error}{marked}"));
            }
            Err(error) => report.failed.push(format!("{order_id}: {error}")),
        }
    }
    if !report.failed.is_empty() {
        tracing::info!(failed = ?report.failed, "Aplazame's link to Central: tried again next turn");
    }
    report
}

/// One pass, opening the client: after a create, a confirm or a reject, while the cashier waits, so
/// bounded to a few seconds (what does not go now goes on the relay's next turn). A till not
/// enrolled has no Central to tell (its decisions stay recorded, and go once it is).
pub async fn forward_aplazame(
    till: &Till,
    data_dir: &Path,
) -> Result<AplazameForwarded, CentralFailure> {
    let quick = HttpSettings {
        connect_timeout: Duration::from_secs(2),
        total_timeout: Duration::from_secs(4),
        ..background_http()
    };
    let client = open_client(till, data_dir, quick).await?;
    Ok(forward_with(till, &client).await)
}

/// The same hand-over for a till on the simulator with no Central: the store's decisions go to the
/// simulator's stand-in for the store, which answers Aplazame's confirmation with them
/// (`sandbox::hand_aplazame_decision`). Nothing to announce: the stand-in has no rule of its own, the
/// till's rule decides when it reads the checkout.
pub async fn forward_to_simulator(till: &Till, sandbox_url: &str) -> AplazameForwarded {
    let mut report = AplazameForwarded::default();
    if till.aplazame_setup().is_err() {
        return report;
    }
    let decisions = match till.pending_decisions().await {
        Ok(decisions) => decisions,
        Err(error) => {
            report.failed.push(format!("decisions: {}", error.code()));
            return report;
        }
    };
    for pending in decisions {
        let order_id = pending.order_id.clone();
        let handed =
            sandbox::hand_aplazame_decision(sandbox_url, &order_id, pending.decision.as_str())
                .await;
        match handed {
            Ok(()) => match till.decision_forwarded(&order_id).await {
                Ok(_) => report.decided.push(order_id),
                Err(error) => report.failed.push(format!("{order_id}: {}", error.code())),
            },
            Err(why) => report.failed.push(format!("{order_id}: {why}")),
        }
    }
    report
}

//! The background pass the desktop runs on start and every few seconds, whichever screen is open: the
//! outbox of pays and undos, the credit sales' calls and statuses, the transfers' statuses (billed by
//! themselves once aPagos validates them), Aplazame's checkouts' statuses (the auto-confirm rule
//! applied), and Caja Central's push when due.

use super::{EntryView, entry_view};
use crate::workstation::Workstation;
use till::error::TillError;

/// One pass of the outbox (operations whose back-off is over are tried once), then what is still open:
/// the pays and undos whose outcome is not known yet, oldest first. The desktop calls it on start and
/// every few seconds, so unknown outcomes are resolved while the cashier works. The credit sales' calls
/// and statuses are followed in the same pass, whichever screen is open; Caja Central gets its push when due.
pub async fn resolve_pending(ws: &Workstation) -> Result<Vec<EntryView>, TillError> {
    let lang = ws.settings.lang;
    let report = ws.till.resolve_due().await?;
    if let Err(error) = ws.till.follow_due().await {
        tracing::info!(%error, "credit sales not followed in this pass");
    }
    if let Err(error) = ws.till.follow_vouchers().await {
        tracing::info!(%error, "transfers not followed in this pass");
    }
    if let Err(error) = ws.till.follow_checkouts().await {
        tracing::info!(%error, "Aplazame checkouts not followed in this pass");
    }
    // The rule may have confirmed one just now: whoever answers Aplazame (Central, or the simulator's
    // stand-in) needs that decision before Aplazame stops asking.
    if ws
        .till
        .pending_decisions()
        .await
        .is_ok_and(|decisions| !decisions.is_empty())
    {
        let _ = super::aplazame::tell_central(ws).await;
    }
    // Caja Central when enrolled and due: bounded; a failure is logged, never this pass's answer.
    if let Some(Err(error)) = crate::central::push_when_due(&ws.till, &ws.data_dir).await {
        tracing::info!(%error, "Caja Central not reached in this pass");
    }
    Ok(report
        .still_open
        .into_iter()
        .map(|entry| entry_view(entry, lang))
        .collect())
}

//! Words of `caja aplazame` (Aplazame's POS checkouts, Spain): one checkout with where it stands (the
//! headline and the advice are [`crate::wording::aplazame`]'s, as the desktop shows them), an alert when
//! an answer did not match what was sent, the store's decision, the command to type next, the list,
//! and the refusals that belong to the command line. The facts arrive as the desk's `CheckoutView`
//! shapes them, picked by the CLI into [`CheckoutFacts`].

use till::mode::Mode;

use crate::secrets::TokenStore;
use crate::wording::{Lang, say};

/// A checkout as the CLI says it: the desk's view, already worded.
#[derive(Debug, Clone, Default)]
pub struct CheckoutFacts<'a> {
    pub order_id: &'a str,
    /// Written as in Spain: `129,80 €`.
    pub total: &'a str,
    pub customer: &'a str,
    /// Caja's side of the create (`created`, `unknown`…).
    pub state: &'a str,
    /// Aplazame's status and reason as written.
    pub status: Option<&'a str>,
    pub status_reason: Option<&'a str>,
    pub headline: &'a str,
    pub advice: &'a str,
    pub alert: &'a [String],
    pub decision: Option<&'a str>,
    pub decided_by: Option<&'a str>,
    pub handover_allowed: bool,
    pub can_decide: bool,
    pub can_resolve: bool,
    pub created_at: &'a str,
}

/// One checkout: id, total and customer, Aplazame's status with the headline and the advice, the
/// alert, the decision, and the command to type next.
pub fn checkout(lang: Lang, view: &CheckoutFacts<'_>) -> String {
    let id = view.order_id;
    let status = match (view.status, view.status_reason) {
        (Some(status), Some(reason)) if !reason.is_empty() => format!("{status}/{reason}"),
        (Some(status), _) => status.to_owned(),
        (None, _) => view.state.to_owned(),
    };
    let mut lines = vec![
        say(
            lang,
            format!(
                "Financiación Aplazame {id} — {} — {} — creada el {}",
                view.total, view.customer, view.created_at
            ),
            format!(
                "Aplazame financing {id} — {} — {} — created on {}",
                view.total, view.customer, view.created_at
            ),
        ),
        say(
            lang,
            format!("Estado en Aplazame: {status} — {}", view.headline),
            format!("Status at Aplazame: {status} — {}", view.headline),
        ),
        view.advice.to_owned(),
    ];
    if !view.alert.is_empty() {
        lines.push(say(
            lang,
            format!(
                "ALERTA: no coincide con lo enviado: {}",
                view.alert.join(", ")
            ),
            format!(
                "ALERT: does not match what was sent: {}",
                view.alert.join(", ")
            ),
        ));
    }
    if let Some(decision) = view.decision {
        let who = view.decided_by.unwrap_or("-");
        lines.push(say(
            lang,
            format!("Decisión de la tienda: {decision} ({who})"),
            format!("The store's decision: {decision} ({who})"),
        ));
    }
    if view.handover_allowed {
        lines.push(say(
            lang,
            "Puede entregar el producto.",
            "You may hand the product over.",
        ));
    }
    if view.can_decide {
        lines.push(say(
            lang,
            format!(
                "Siguiente: caja aplazame confirm {id}   o   caja aplazame reject {id} --reason \"…\""
            ),
            format!("Next: caja aplazame confirm {id}   or   caja aplazame reject {id} --reason \"…\""),
        ));
    }
    if view.can_resolve {
        lines.push(say(
            lang,
            format!(
                "Un supervisor la resuelve: caja aplazame resolve {id} --checkout-id <id de Aplazame>   o   --not-sent"
            ),
            format!(
                "A supervisor resolves it: caja aplazame resolve {id} --checkout-id <Aplazame's id>   or   --not-sent"
            ),
        ));
    }
    lines.join("\n")
}

/// The list, newest first, one line each.
pub fn checkouts(lang: Lang, rows: &[CheckoutFacts<'_>]) -> String {
    if rows.is_empty() {
        return say(
            lang,
            "No hay financiaciones Aplazame en esta caja.",
            "There are no Aplazame financings at this till.",
        );
    }
    rows.iter()
        .map(|row| {
            let alert = if row.alert.is_empty() { "" } else { " [!]" };
            format!(
                "{} — {} — {}{alert} — {}",
                row.order_id,
                row.total,
                row.status.unwrap_or(row.state),
                row.headline
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// `caja aplazame resolve` without `--checkout-id` or `--not-sent`.
pub fn checkout_resolution_missing(lang: Lang) -> String {
    say(
        lang,
        "Indique --checkout-id con el id de Aplazame de esta financiación, o --not-sent si nunca llegó a Aplazame.",
        "Give --checkout-id with Aplazame's id of this financing, or --not-sent if it never reached Aplazame.",
    )
}

/// `caja aplazame reject` without `--reason`.
pub fn rejection_reason_missing(lang: Lang) -> String {
    say(
        lang,
        "Indique por qué se rechaza con --reason \"…\".",
        "Say why it is rejected with --reason \"…\".",
    )
}

/// `caja aplazame checkout` without `--item` or `--email`.
pub fn checkout_flag_missing(lang: Lang, flag: &str) -> String {
    say(
        lang,
        format!(
            "Falta {flag}. Cada artículo: --item \"nombre;cantidad;precio con IVA;IVA;descuento\" (p. ej. \"Zapatillas;2;59,90;21;10,00\"); el correo del cliente: --email."
        ),
        format!(
            "{flag} is missing. Each article: --item \"name;quantity;price with VAT;VAT;discount\" (e.g. \"Zapatillas;2;59,90;21;10,00\"); the customer's email: --email."
        ),
    )
}

/// `caja aplazame key` at a terminal: what to paste.
pub fn paste_aplazame_key(lang: Lang, mode: Mode) -> String {
    say(
        lang,
        format!("Pegue la clave privada de Aplazame del modo {mode} y presione Enter:"),
        format!("Paste Aplazame's private key for the {mode} mode and press Enter:"),
    )
}

/// `caja aplazame key` done: where it is kept (never the key).
pub fn aplazame_key_saved(lang: Lang, mode: Mode, kept: &TokenStore) -> String {
    let (es, en) = match kept {
        TokenStore::SecretService => (
            "en el almacén de secretos del sistema".to_owned(),
            "in the system's secret store".to_owned(),
        ),
        TokenStore::OwnerOnlyFile(path) => (
            format!("en {} (solo su usuario puede leerlo)", path.display()),
            format!("in {} (only your user can read it)", path.display()),
        ),
    };
    say(
        lang,
        format!("Clave de Aplazame del modo {mode} guardada {es}."),
        format!("Aplazame's key for the {mode} mode is saved {en}."),
    )
}

/// `caja settings show`: Aplazame's settings (its URL, none for the mode's own, and the auto-confirm
/// rule).
pub fn aplazame_settings_shown(lang: Lang, url: Option<&str>, auto_confirm: bool) -> String {
    let url = url.unwrap_or(crate::wording::default_api_url(lang));
    let rule = match (auto_confirm, lang) {
        (true, Lang::Es) => "sí (cuando el total y la moneda coinciden)",
        (true, Lang::En) => "on (when the total and the currency match)",
        (false, Lang::Es) => "no (el cajero confirma cada financiación)",
        (false, Lang::En) => "off (the cashier confirms each financing)",
    };
    say(
        lang,
        format!("URL de Aplazame: {url}\nConfirmar Aplazame automáticamente: {rule}"),
        format!("Aplazame URL: {url}\nAuto-confirm Aplazame: {rule}"),
    )
}

/// `caja central listen`: an event kept for later because the provider could not be read now.
pub fn relay_kept(lang: Lang, id: i64, provider: &str, reference: &str, code: &str) -> String {
    say(
        lang,
        format!(
            "#{id} {provider} {reference}: guardado para leerlo de nuevo en unos segundos ({code}); \
             los siguientes esperan detrás de él"
        ),
        format!(
            "#{id} {provider} {reference}: kept to be read again in a few seconds ({code}); the \
             ones after it wait behind it"
        ),
    )
}

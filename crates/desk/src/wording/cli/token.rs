//! Words of `caja token set|status|clear`: where the token of a mode is kept, never the token itself.

use till::Mode;

use crate::secrets::TokenStore;
use crate::wording::{Lang, say};

/// Where a token is kept, as the end of a sentence.
fn where_kept(lang: Lang, kept: &TokenStore) -> String {
    match kept {
        TokenStore::SecretService => say(
            lang,
            "en el almacén de secretos del sistema",
            "in the system secret store",
        ),
        TokenStore::OwnerOnlyFile(path) => say(
            lang,
            format!(
                "en el archivo {} (legible solo por este usuario)",
                path.display()
            ),
            format!(
                "in the file {} (readable by this user only)",
                path.display()
            ),
        ),
    }
}

/// The prompt of `caja token set` at a terminal.
pub fn paste_token(lang: Lang, mode: Mode) -> String {
    say(
        lang,
        format!("Pegue el token del modo {mode} y presione Enter:"),
        format!("Paste the {mode} token and press Enter:"),
    )
}

pub fn no_token_given(lang: Lang) -> String {
    say(lang, "No se recibió ningún token.", "No token was given.")
}

pub fn token_saved(lang: Lang, mode: Mode, kept: &TokenStore) -> String {
    say(
        lang,
        format!(
            "Token del modo {mode} guardado {}.",
            where_kept(Lang::Es, kept)
        ),
        format!("The {mode} token is saved {}.", where_kept(Lang::En, kept)),
    )
}

/// `caja token status` when `CAJA_TOKEN` is set: it wins over any saved token.
pub fn token_from_env(lang: Lang) -> String {
    say(
        lang,
        "Token tomado de CAJA_TOKEN.",
        "Token taken from CAJA_TOKEN.",
    )
}

pub fn token_kept(lang: Lang, mode: Mode, kept: &TokenStore) -> String {
    say(
        lang,
        format!(
            "Token del modo {mode} guardado {}.",
            where_kept(Lang::Es, kept)
        ),
        format!("The {mode} token is kept {}.", where_kept(Lang::En, kept)),
    )
}

pub fn no_token(lang: Lang, mode: Mode) -> String {
    say(
        lang,
        format!("No hay token para el modo {mode}."),
        format!("There is no token for {mode} mode."),
    )
}

pub fn token_removed(lang: Lang, mode: Mode) -> String {
    say(
        lang,
        format!("Token del modo {mode} eliminado."),
        format!("The {mode} token was removed."),
    )
}

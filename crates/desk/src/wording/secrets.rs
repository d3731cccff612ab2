//! Words about where the provider token is kept: the warning shown when it had to go to the owner-only
//! file instead of the system's secret store, and the fix for a file others may read.

use std::path::Path;

use super::{Lang, say};
use crate::secrets::TokenStore;

/// The visible warning for a token kept outside the secret store; `None` when it is in the store.
pub fn token_store_notice(lang: Lang, store: &TokenStore) -> Option<String> {
    match store {
        TokenStore::SecretService => None,
        TokenStore::OwnerOnlyFile(path) => Some(say(
            lang,
            format!(
                "El token se guardó en un archivo legible solo por este usuario ({}), porque el \
                 almacén seguro del sistema no está disponible.",
                path.display()
            ),
            format!(
                "The token was saved in a file only this user can read ({}), because the system's \
                 secure store is not available.",
                path.display()
            ),
        )),
    }
}

pub(super) fn token_file_too_open(lang: Lang, path: &Path, mode: u32) -> String {
    let path = path.display();
    say(
        lang,
        format!(
            "El archivo del token {path} tiene permisos {mode:04o}: otros usuarios podrían leerlo, así \
             que Caja no lo usa. Ejecute «chmod 600 {path}» y, si pudo haberse copiado, pida un token \
             nuevo a aCuotaz y guárdelo con «caja token set»."
        ),
        format!(
            "The token file {path} has permissions {mode:04o}: other users could read it, so Caja does \
             not use it. Run «chmod 600 {path}» and, if it may have been copied, ask aCuotaz for a new \
             token and save it with «caja token set»."
        ),
    )
}

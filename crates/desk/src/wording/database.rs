//! Words for trouble with the till's database file: locked by another program, not writable, damaged,
//! or something else. Each says what could not be done, that nothing was sent when that is so, and the
//! remedy, which differs for each.

use std::path::Path;

use super::{Lang, say};
use till::error::DatabaseProblem;

/// What the till was doing, in the cashier's language (the contexts are fixed strings in the code).
fn doing(lang: Lang, context: &str) -> String {
    let es = match context {
        "open the database" => "abrir la base de datos",
        "prepare the database" => "preparar la base de datos",
        "enable WAL" | "set durability" | "set the busy timeout" | "read the schema version" => {
            "configurar la base de datos"
        }
        "write to the journal" => "escribir el registro de operaciones",
        "finish a journal row" => "anotar el resultado de una operación",
        "read the journal" => "leer el registro de operaciones",
        "take an open operation" => "retomar una operación pendiente",
        "cache the day summary" => "guardar el resumen del día",
        "read the cached day summary" => "leer el resumen del día guardado",
        other => other,
    };
    say(lang, es, context)
}

/// Journal writes come before any request: when they fail, nothing was sent.
fn nothing_sent(lang: Lang, context: &str) -> String {
    if matches!(context, "write to the journal" | "take an open operation") {
        say(
            lang,
            " No se envió nada al proveedor.",
            " Nothing was sent to the provider.",
        )
    } else {
        String::new()
    }
}

pub(super) fn storage(
    lang: Lang,
    context: &str,
    source: &rusqlite::Error,
    path: Option<&Path>,
) -> String {
    let doing = doing(lang, context);
    let sent = nothing_sent(lang, context);
    let file = match path {
        Some(path) => path.display().to_string(),
        None => say(lang, "la base de datos de Caja", "Caja's database"),
    };
    match DatabaseProblem::of(source) {
        DatabaseProblem::Locked => say(
            lang,
            format!(
                "No se pudo {doing}: otro programa tiene ocupada {file} (¿Caja abierta dos veces, o \
                 una copia de respaldo en curso?).{sent} Cierre el otro programa y vuelva a intentar."
            ),
            format!(
                "Could not {doing}: another program is holding {file} (Caja open twice, or a backup \
                 running?).{sent} Close the other program and try again."
            ),
        ),
        DatabaseProblem::ReadOnly => say(
            lang,
            format!(
                "No se pudo {doing}: no se puede escribir en {file} (sin permiso de escritura, disco \
                 lleno o de solo lectura).{sent} Pida a sistemas que revise los permisos de la carpeta \
                 de datos o elija otra con --data-dir."
            ),
            format!(
                "Could not {doing}: {file} cannot be written (no write permission, disk full or \
                 read-only).{sent} Ask IT to check the data folder's permissions or choose another with \
                 --data-dir."
            ),
        ),
        DatabaseProblem::Damaged => say(
            lang,
            format!(
                "No se pudo {doing}: el archivo {file} está dañado o no es una base de datos de \
                 Caja.{sent} No se modificó el archivo. Pida a sistemas que lo restaure desde una copia \
                 de respaldo: caja backup list muestra las copias verificadas y caja backup restore \
                 ARCHIVO --approver SUPERVISOR --reason \"...\" --yes restaura una (la base dañada queda \
                 apartada, no se borra)."
            ),
            format!(
                "Could not {doing}: the file {file} is damaged or is not a Caja database.{sent} The file \
                 was not changed. Ask IT to restore it from a backup: caja backup list shows the verified \
                 backups and caja backup restore FILE --approver SUPERVISOR --reason \"...\" --yes restores \
                 one (the damaged database is moved aside, never deleted)."
            ),
        ),
        DatabaseProblem::Other => say(
            lang,
            format!(
                "Error de la base de datos local al {doing}: {source}.{sent} Avise a sistemas."
            ),
            format!("Local database error while trying to {doing}: {source}.{sent} Tell IT."),
        ),
    }
}

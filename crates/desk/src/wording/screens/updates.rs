//! Actualizaciones (in Supervisión) and the cashier's question when a verified update is ready.

use super::ScreenWord;

pub(super) const WORDS: &[ScreenWord] = &[
    ("updates.title", "Actualizaciones", "Updates"),
    (
        "updates.waitTitle",
        "La actualización espera",
        "The update waits",
    ),
    (
        "updates.lead",
        "Caja Central ofrece la versión que la cadena eligió para esta tienda. Se descarga y se verifica su firma con la clave de la cadena; nunca se instala con un turno abierto o una operación sin respuesta.",
        "Caja Central offers the version the chain chose for this store. It is downloaded and its signature checked with the chain's key; it is never installed with a shift open or an operation unanswered.",
    ),
    (
        "updates.current",
        "Versión instalada: {version}",
        "Installed version: {version}",
    ),
    (
        "updates.offered",
        "Versión ofrecida: {version}",
        "Version offered: {version}",
    ),
    ("updates.check", "Buscar actualización", "Check for updates"),
    ("updates.checking", "Consultando…", "Checking…"),
    (
        "updates.install",
        "Instalar ahora y reiniciar",
        "Install now and restart",
    ),
    (
        "updates.postpone",
        "Posponer (supervisor)",
        "Postpone (supervisor)",
    ),
    ("updates.hours", "Horas", "Hours"),
    (
        "updates.postpone.title",
        "Posponer la actualización",
        "Postpone the update",
    ),
    (
        "updates.postpone.question",
        "¿Posponer la instalación de Caja {version}?",
        "Postpone installing Caja {version}?",
    ),
    (
        "updates.postpone.detail",
        "La caja no la ofrecerá a la cajera durante esas horas. Queda en el registro de auditoría con su nombre y motivo.",
        "The till will not offer it to the cashier for those hours. It is kept in the audit record with your name and reason.",
    ),
    (
        "updates.postponed",
        "Actualización pospuesta.",
        "Update postponed.",
    ),
    ("updates.notes", "Novedades: {notes}", "What's new: {notes}"),
    (
        "updates.prompt.title",
        "Actualización lista",
        "Update ready",
    ),
    (
        "updates.prompt.question",
        "¿Instalar Caja {version} ahora?",
        "Install Caja {version} now?",
    ),
    ("updates.prompt.later", "Más tarde", "Later"),
];

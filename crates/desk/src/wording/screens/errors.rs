//! The title above an error the bridge answers with (its message, already in the app's language,
//! comes from the till's own wording): one per code, or `error.generic` where the message says it all.

use super::ScreenWord;

pub(super) const WORDS: &[ScreenWord] = &[
    (
        "error.sign_in_required",
        "Falta iniciar sesión",
        "Sign-in needed",
    ),
    (
        "error.session_idle",
        "Sesión cerrada por inactividad",
        "Session closed after idle time",
    ),
    (
        "error.person_disabled",
        "Persona desactivada",
        "Person turned off",
    ),
    ("error.wrong_pin", "PIN incorrecto", "Wrong PIN"),
    ("error.person_locked", "Persona bloqueada", "Person locked"),
    (
        "error.person_unknown",
        "Persona desconocida",
        "Unknown person",
    ),
    ("error.person_exists", "Nombre repetido", "Name taken"),
    (
        "error.last_supervisor",
        "Único supervisor",
        "Only supervisor",
    ),
    (
        "error.not_supervisor",
        "Se necesita un supervisor",
        "A supervisor is needed",
    ),
    (
        "error.approval_required",
        "Se necesita autorización",
        "Approval needed",
    ),
    (
        "error.insecure_redirect",
        "Redirección insegura rechazada",
        "Insecure redirect refused",
    ),
    (
        "error.token_file_too_open",
        "Archivo del token con permisos abiertos",
        "Token file readable by others",
    ),
    ("error.generic", "Error", "Error"),
    (
        "error.no_shift_open",
        "No hay turno abierto",
        "No shift open",
    ),
    (
        "error.shift_already_open",
        "Ya hay un turno abierto",
        "A shift is already open",
    ),
    (
        "error.unknown_operations",
        "Operaciones sin resultado",
        "Operations without an outcome",
    ),
    (
        "error.not_counted",
        "Falta el conteo ciego",
        "Blind count missing",
    ),
    (
        "error.no_such_z_report",
        "Reporte Z inexistente",
        "No such Z report",
    ),
    ("error.internal", "Error inesperado", "Unexpected error"),
    ("error.invalid_input", "Dato inválido", "Invalid input"),
    (
        "error.funding_code_not_found",
        "Código no encontrado",
        "Code not found",
    ),
    ("error.not_billed_yet", "Aún no facturado", "Not billed yet"),
    ("error.token_refused", "Token rechazado", "Token refused"),
    (
        "error.no_answer",
        "Sin respuesta de aCuotaz",
        "No answer from aCuotaz",
    ),
    (
        "error.provider_field_error",
        "aCuotaz rechazó un dato",
        "aCuotaz refused a field",
    ),
    (
        "error.provider_refused",
        "aCuotaz rechazó la operación",
        "aCuotaz refused the operation",
    ),
    (
        "error.summary_unavailable",
        "Resumen no disponible",
        "Summary unavailable",
    ),
    ("error.missing_token", "Falta el token", "Token missing"),
    (
        "error.provider_not_offered",
        "No se ofrece en este país",
        "Not offered in this country",
    ),
    (
        "error.storage",
        "Error al guardar los datos",
        "Could not save the data",
    ),
    (
        "error.database_locked",
        "Base de datos ocupada por otro programa",
        "Database held by another program",
    ),
    (
        "error.database_read_only",
        "No se puede escribir la base de datos",
        "The database cannot be written",
    ),
    (
        "error.database_damaged",
        "Base de datos dañada",
        "Database damaged",
    ),
    (
        "error.newer_database",
        "Base de datos de una versión más nueva",
        "Database from a newer version",
    ),
    ("error.io", "Error de archivo", "File error"),
    (
        "error.sandbox",
        "El simulador no pudo iniciar",
        "The simulator could not start",
    ),
    ("error.print", "No se pudo imprimir", "Could not print"),
    (
        "error.report",
        "No se pudo generar el PDF",
        "Could not make the PDF",
    ),
    (
        "error.secret_store",
        "Almacén seguro no disponible",
        "Secret store unavailable",
    ),
];

//! The doctor's words: each check's name, what it found and the fix, in Spanish and English. The
//! facts come from [`crate::diagnosis`]; the fix is a command or a step IT can take as written.

use super::{Explain, Lang, say};
use crate::diagnosis::{CheckName, CheckStatus, Finding, ProviderName, TimeSource};

/// A check's name as a person reads it.
pub fn check_name(lang: Lang, check: CheckName) -> String {
    let (es, en) = match check {
        CheckName::Provider => ("Proveedor", "Provider"),
        CheckName::Transfers => ("Transferencias (aPagos)", "Transfers (aPagos)"),
        CheckName::Clock => ("Reloj", "Clock"),
        CheckName::Database => ("Base de datos", "Database"),
        CheckName::Audit => ("Registro de auditoría", "Audit chain"),
        CheckName::Disk => ("Disco", "Disk"),
        CheckName::Backup => ("Copias de respaldo", "Backups"),
        CheckName::Printer => ("Impresora", "Printer"),
        CheckName::SecretStore => ("Almacén de secretos", "Secret store"),
        CheckName::Central => ("Caja Central", "Caja Central"),
        CheckName::Pending => ("Operaciones pendientes", "Pending operations"),
    };
    say(lang, es, en)
}

/// The mark at the start of a line: ✔, ⚠ or ✘.
pub fn mark(status: CheckStatus) -> &'static str {
    match status {
        CheckStatus::Ok => "✔",
        CheckStatus::Warn => "⚠",
        CheckStatus::Fail => "✘",
    }
}

/// The word after the fix's arrow.
pub fn fix_label(lang: Lang) -> String {
    say(lang, "Arreglo", "Fix")
}

/// The last line: how many checks passed, warned, failed.
pub fn summary(lang: Lang, ok: usize, warn: usize, fail: usize) -> String {
    say(
        lang,
        format!("{ok} bien, {warn} avisos, {fail} fallos."),
        format!("{ok} ok, {warn} warnings, {fail} failures."),
    )
}

/// After `--bundle FILE`.
pub fn bundle_written(lang: Lang, path: &std::path::Path, files: usize) -> String {
    say(
        lang,
        format!(
            "Paquete de soporte: {} ({files} archivos; secretos y DNI enmascarados).",
            path.display()
        ),
        format!(
            "Support bundle: {} ({files} files; secrets and DNIs masked).",
            path.display()
        ),
    )
}

pub fn bundle_failed(lang: Lang, path: &std::path::Path, detail: &str) -> String {
    say(
        lang,
        format!(
            "No se pudo escribir el paquete de soporte {}: {detail}",
            path.display()
        ),
        format!(
            "The support bundle {} could not be written: {detail}",
            path.display()
        ),
    )
}

fn provider_name(provider: ProviderName) -> &'static str {
    match provider {
        ProviderName::Acuotaz => "aCuotaz",
        ProviderName::Aplazame => "Aplazame",
        ProviderName::Apagos => "aPagos",
    }
}

/// "del proveedor" / "the provider's".
fn source_name(lang: Lang, source: TimeSource) -> String {
    match source {
        TimeSource::Provider => say(lang, "del proveedor", "the provider's"),
        TimeSource::Central => say(lang, "de Caja Central", "Caja Central's"),
    }
}

fn size(bytes: u64) -> String {
    let mib = bytes / (1024 * 1024);
    if mib >= 1024 {
        format!("{:.1} GB", bytes as f64 / (1024.0 * 1024.0 * 1024.0))
    } else {
        format!("{mib} MB")
    }
}

const NTP_FIX: &str = "timedatectl set-ntp true";

/// What was found, and the fix when something is to be done.
pub fn finding(lang: Lang, finding: &Finding) -> (String, Option<String>) {
    match finding {
        Finding::ProviderAccepted { provider, url } => (
            say(
                lang,
                format!(
                    "{} ({url}) respondió y aceptó el token.",
                    provider_name(*provider)
                ),
                format!(
                    "{} ({url}) answered and accepted the token.",
                    provider_name(*provider)
                ),
            ),
            None,
        ),
        Finding::ProviderFailed {
            provider,
            url,
            error,
        } => {
            let name = provider_name(*provider);
            let fix = match error {
                providers::http::ApiError::Unauthorized { .. } => say(
                    lang,
                    "Guarde el token correcto: caja token set",
                    "Save the right token: caja token set",
                ),
                providers::http::ApiError::Unreachable { .. }
                | providers::http::ApiError::Timeout { .. }
                    if *provider == ProviderName::Apagos =>
                {
                    say(
                        lang,
                        format!(
                            "Revise la red y la URL de aPagos ({url}; vouchers.apagosUrl en \
                             settings.json, vacía: la del modo)."
                        ),
                        format!(
                            "Check the network and aPagos' URL ({url}; vouchers.apagosUrl in \
                             settings.json, empty: the mode's)."
                        ),
                    )
                }
                providers::http::ApiError::Unreachable { .. }
                | providers::http::ApiError::Timeout { .. } => say(
                    lang,
                    format!("Revise la red y la URL ({url}): caja settings set --set-api-url URL"),
                    format!(
                        "Check the network and the URL ({url}): caja settings set --set-api-url URL"
                    ),
                ),
                _ => say(
                    lang,
                    format!("Algo que no es {name} respondió en {url}: revise el proxy y la URL."),
                    format!(
                        "Something other than {name} answered at {url}: check the proxy and the URL."
                    ),
                ),
            };
            (
                format!("{name} ({url}): {}", super::api_error(lang, None, error)),
                Some(fix),
            )
        }
        Finding::ProviderNotSetUp { provider, error } => (
            format!("{}: {}", provider_name(*provider), error.message(lang)),
            Some(say(
                lang,
                "Complete la configuración del proveedor en Ajustes o con caja settings set.",
                "Complete the provider's settings in Ajustes or with caja settings set.",
            )),
        ),
        Finding::VoucherUnknownAtProvider { url, request_id } => (
            say(
                lang,
                format!(
                    "aPagos ({url}) aceptó el token pero no conoce la última transferencia que Caja \
                     registró ({request_id})."
                ),
                format!(
                    "aPagos ({url}) accepted the token but does not know the last transfer Caja \
                     registered ({request_id})."
                ),
            ),
            Some(say(
                lang,
                "Revise que la URL de aPagos sea la de esta tienda (vouchers.apagosUrl en settings.json). \
                 En el simulador es normal tras reiniciar Caja.",
                "Check aPagos' URL is this store's (vouchers.apagosUrl in settings.json). On the \
                 simulator it is normal after Caja restarts.",
            )),
        ),
        Finding::ClockAgrees {
            skew_seconds,
            source,
        } => (
            say(
                lang,
                format!(
                    "La hora coincide con la {} ({skew_seconds:+} s).",
                    source_name(lang, *source)
                ),
                format!(
                    "The time agrees with {} ({skew_seconds:+} s).",
                    source_name(lang, *source)
                ),
            ),
            None,
        ),
        Finding::ClockOff {
            skew_seconds,
            source,
        } => (
            say(
                lang,
                format!(
                    "El reloj de esta caja difiere {} min {} s de la hora {}: fechas de Lima y vencimientos saldrían mal.",
                    skew_seconds.abs() / 60,
                    skew_seconds.abs() % 60,
                    source_name(lang, *source)
                ),
                format!(
                    "This till's clock is {} min {} s off {} time: Lima days and expirations would be wrong.",
                    skew_seconds.abs() / 60,
                    skew_seconds.abs() % 60,
                    source_name(lang, *source)
                ),
            ),
            Some(say(
                lang,
                format!("Active la hora por red (NTP): {NTP_FIX}"),
                format!("Turn on network time (NTP): {NTP_FIX}"),
            )),
        ),
        Finding::ClockNotCompared => (
            say(
                lang,
                "No se pudo comparar la hora: ni el proveedor ni Caja Central respondieron.",
                "The time could not be compared: neither the provider nor Caja Central answered.",
            ),
            Some(say(
                lang,
                format!("Arregle la conexión y confirme que la hora se toma de la red: {NTP_FIX}"),
                format!(
                    "Fix the connection and make sure the time comes from the network: {NTP_FIX}"
                ),
            )),
        ),
        Finding::DatabaseIntact => (say(lang, "Íntegra.", "Intact."), None),
        Finding::DatabaseDamaged { detail } => (
            say(
                lang,
                format!("Dañada: {detail}"),
                format!("Damaged: {detail}"),
            ),
            Some(say(
                lang,
                "Cierre Caja, guarde una copia de la carpeta de datos y restaure la última copia de seguridad.",
                "Close Caja, keep a copy of the data folder and restore the latest backup.",
            )),
        ),
        Finding::TillUnopened { error } => {
            let fix = match error {
                till::error::TillError::MissingToken { .. } => say(
                    lang,
                    "Guarde el token: caja token set",
                    "Save the token: caja token set",
                ),
                till::error::TillError::InvalidInput {
                    field: "api_url", ..
                } => say(
                    lang,
                    "Corrija la URL del proveedor: caja settings set --set-api-url URL",
                    "Fix the provider's URL: caja settings set --set-api-url URL",
                ),
                _ => say(
                    lang,
                    "Revise la carpeta de datos (permisos, disco) antes de volver a abrir Caja.",
                    "Check the data folder (permissions, disk) before opening Caja again.",
                ),
            };
            (error.message(lang), Some(fix))
        }
        Finding::AuditIntact { entries } => (
            say(
                lang,
                format!("La cadena está intacta ({entries} entradas)."),
                format!("The chain is intact ({entries} entries)."),
            ),
            None,
        ),
        Finding::AuditBroken { findings, first } => (
            say(
                lang,
                format!(
                    "La cadena tiene {findings} hallazgo(s); el primero: {}",
                    super::audit_finding(Lang::Es, first)
                ),
                format!(
                    "The chain has {findings} finding(s); the first: {}",
                    super::audit_finding(Lang::En, first)
                ),
            ),
            Some(say(
                lang,
                "Vea los hallazgos con caja audit verify y avise al supervisor: no borre nada.",
                "See the findings with caja audit verify and tell the supervisor: delete nothing.",
            )),
        ),
        Finding::AuditUnread { error } => (error.message(lang), None),
        Finding::DiskFree { free_bytes } => (
            say(
                lang,
                format!("{} libres.", size(*free_bytes)),
                format!("{} free.", size(*free_bytes)),
            ),
            None,
        ),
        Finding::DiskLow { free_bytes } => (
            say(
                lang,
                format!(
                    "Solo {} libres en el disco de la carpeta de datos.",
                    size(*free_bytes)
                ),
                format!("Only {} free on the data folder's disk.", size(*free_bytes)),
            ),
            Some(say(
                lang,
                "Libere espacio (descargas, papelera, informes viejos) o amplíe el disco.",
                "Free some space (downloads, trash, old reports) or grow the disk.",
            )),
        ),
        Finding::DiskUnknown { detail } => (
            say(
                lang,
                format!("No se pudo medir: {detail}"),
                format!("Could not be measured: {detail}"),
            ),
            None,
        ),
        Finding::BackupNotConfigured => (
            say(lang, "Sin configurar.", "Not configured."),
            Some(say(
                lang,
                "Elija una carpeta en Ajustes (Copias de respaldo) o con caja settings set \
                 --backup-folder DIR",
                "Choose a folder in Ajustes (Copias de respaldo) or with caja settings set \
                 --backup-folder DIR",
            )),
        ),
        Finding::BackupNotWritable { folder, detail } => (
            say(
                lang,
                format!("No se puede escribir en {}: {detail}", folder.display()),
                format!("{} cannot be written: {detail}", folder.display()),
            ),
            Some(say(
                lang,
                "Conecte el disco de copias o corrija sus permisos.",
                "Plug in the backup disk or fix its permissions.",
            )),
        ),
        Finding::BackupNever { folder } => (
            say(
                lang,
                format!("Aún no hay copias en {}.", folder.display()),
                format!("No backup in {} yet.", folder.display()),
            ),
            Some(say(
                lang,
                "Haga una copia ahora: «Respaldar ahora» en Ajustes o caja backup now.",
                "Make a backup now: «Respaldar ahora» in Ajustes or caja backup now.",
            )),
        ),
        Finding::BackupRecent { hours } => (
            say(
                lang,
                format!("La última copia tiene {hours} h."),
                format!("The latest backup is {hours} h old."),
            ),
            None,
        ),
        Finding::BackupOld { hours } => (
            say(
                lang,
                format!("La última copia tiene {hours} h."),
                format!("The latest backup is {hours} h old."),
            ),
            Some(say(
                lang,
                "Haga una copia ahora y revise por qué no se hicieron las diarias.",
                "Make a backup now and find out why the daily ones stopped.",
            )),
        ),
        Finding::PrinterNone => (
            say(
                lang,
                "Ninguna configurada: los PDF se guardan en la carpeta de informes.",
                "None configured: PDFs are kept in the reports folder.",
            ),
            None,
        ),
        Finding::PrinterInvalid { setting, detail } => (
            say(
                lang,
                format!("«{setting}» no es una impresora válida: {detail}"),
                format!("“{setting}” is not a valid printer: {detail}"),
            ),
            Some(say(
                lang,
                "Corríjala en Ajustes (tcp:HOST:9100, cups:COLA, file:/dev/usb/lp0, usb:VID:PID).",
                "Fix it in Ajustes (tcp:HOST:9100, cups:QUEUE, file:/dev/usb/lp0, usb:VID:PID).",
            )),
        ),
        Finding::PrinterAnswers { printer } => (
            say(
                lang,
                format!("{printer} responde."),
                format!("{printer} answers."),
            ),
            None,
        ),
        Finding::PrinterSilent { printer, detail } => (
            say(
                lang,
                format!("{printer} no responde: {detail}"),
                format!("{printer} does not answer: {detail}"),
            ),
            Some(say(
                lang,
                "Encienda la impresora, revise el cable o la red, y con CUPS: lpstat -p; cupsenable COLA",
                "Turn the printer on, check its cable or network, and with CUPS: lpstat -p; cupsenable QUEUE",
            )),
        ),
        Finding::PrinterNotProbed { printer } => (
            say(
                lang,
                format!(
                    "{printer}: USB no se prueba sin imprimir; imprima una prueba desde Ajustes."
                ),
                format!(
                    "{printer}: USB is not probed without printing; print a test from Ajustes."
                ),
            ),
            None,
        ),
        Finding::SecretFromEnvironment => (
            say(
                lang,
                "El token viene de CAJA_TOKEN.",
                "The token comes from CAJA_TOKEN.",
            ),
            None,
        ),
        Finding::SecretKept { store } => (
            match super::token_store_notice(lang, store) {
                Some(notice) => notice,
                None => say(
                    lang,
                    "El token se lee del almacén de secretos del sistema.",
                    "The token is read from the system's secret store.",
                ),
            },
            None,
        ),
        Finding::SecretTestToken => (
            say(
                lang,
                "Modo de prueba: se usa el token de prueba del proveedor.",
                "Test mode: the provider's test token is used.",
            ),
            None,
        ),
        Finding::SecretMissing => (
            say(lang, "No hay token guardado.", "No token saved."),
            Some(say(
                lang,
                "Guárdelo: caja token set",
                "Save it: caja token set",
            )),
        ),
        Finding::SecretUnreadable { detail } => (
            say(
                lang,
                format!("No se puede leer: {detail}"),
                format!("Cannot be read: {detail}"),
            ),
            Some(say(
                lang,
                "Desbloquee el llavero de la sesión o vuelva a guardar el token: caja token set",
                "Unlock the session's keyring or save the token again: caja token set",
            )),
        ),
        Finding::CentralNotEnrolled => (
            say(
                lang,
                "Esta caja no está inscrita (opcional: la caja funciona sin Central).",
                "This till is not enrolled (optional: the till works without Central).",
            ),
            None,
        ),
        Finding::CentralAnswered { url } => (
            say(
                lang,
                format!("Inscrita; {url} respondió."),
                format!("Enrolled; {url} answered."),
            ),
            None,
        ),
        Finding::CentralFailed { url, failure } => (
            format!("{url}: {}", super::central::failure(lang, failure)),
            Some(say(
                lang,
                "Revise la red hacia Central; si la caja fue dada de baja, vuelva a inscribirla: caja central enroll",
                "Check the network to Central; if the till was removed, enroll it again: caja central enroll",
            )),
        ),
        Finding::PendingNone => (say(lang, "Ninguna.", "None."), None),
        Finding::PendingSome {
            operations,
            orders,
            vouchers,
            checkouts,
        } => (
            say(
                lang,
                format!(
                    "Sin resultado conocido: {operations} cuotas iniciales, {orders} ventas a crédito, {vouchers} transferencias, {checkouts} Aplazame."
                ),
                format!(
                    "Outcome not known: {operations} down payments, {orders} credit sales, {vouchers} transfers, {checkouts} Aplazame."
                ),
            ),
            Some(say(
                lang,
                "caja sync; lo que siga abierto lo resuelve un supervisor (caja history --pending).",
                "caja sync; what stays open a supervisor resolves (caja history --pending).",
            )),
        ),
        Finding::PendingUnread { error } => (error.message(lang), None),
    }
}

//! Words for what was typed and cannot be used (a DNI, a RUC, a code, a date, a URL, a PIN, a reason):
//! which field, what is wrong with it, and how to type it; nothing was sent.

use super::{Lang, say};
use till::error::{InputProblem, UrlProblem};

pub(super) fn input_problem(lang: Lang, field: &str, value: &str, problem: InputProblem) -> String {
    use InputProblem::*;
    let what_es = match field {
        "customer" => "el DNI o RUC",
        "dni" => "el DNI",
        "ruc" => "el RUC",
        "funding_code" => "el código de financiamiento",
        "mode" => "el modo",
        "api_url" => "la URL del proveedor",
        "aplazame_url" => "la URL de Aplazame",
        "day" => "la fecha",
        "store_name" => "el nombre de la tienda",
        "token" => "el token",
        "lang" => "el idioma",
        _ => field,
    };
    let what_en = match field {
        "customer" => "the DNI or RUC",
        "funding_code" => "the funding code",
        "api_url" => "the provider URL",
        "aplazame_url" => "Aplazame's URL",
        "day" => "the date",
        "store_name" => "the store name",
        _ => field,
    };
    match problem {
        Missing => say(
            lang,
            format!("Falta {what_es}. Escríbalo y vuelva a intentar."),
            format!("{what_en} is missing. Type it and try again."),
        ),
        NotDigits => say(
            lang,
            format!("«{value}» no sirve como {what_es}: solo se admiten números."),
            format!("«{value}» is not valid as {what_en}: digits only."),
        ),
        DocumentLength { digits } => say(
            lang,
            format!(
                "El documento «{value}» tiene {digits} dígitos: un DNI tiene 8 y un RUC 11. Revíselo \
                 con el cliente."
            ),
            format!(
                "The document «{value}» has {digits} digits: a DNI has 8 and a RUC 11. Check it with \
                 the customer."
            ),
        ),
        DniLength => say(
            lang,
            format!("El DNI «{value}» no es válido: debe tener exactamente 8 dígitos."),
            format!("The DNI «{value}» is not valid: it must have exactly 8 digits."),
        ),
        RucLength => say(
            lang,
            format!("El RUC «{value}» no es válido: debe tener exactamente 11 dígitos."),
            format!("The RUC «{value}» is not valid: it must have exactly 11 digits."),
        ),
        RucPrefix => say(
            lang,
            format!("El RUC {value} no es válido: debe empezar con 10, 15, 16, 17 o 20."),
            format!("The RUC {value} is not valid: it must start with 10, 15, 16, 17 or 20."),
        ),
        RucCheckDigit => say(
            lang,
            format!(
                "El RUC {value} no es válido: su dígito verificador no corresponde. Revise el número \
                 con el cliente."
            ),
            format!(
                "The RUC {value} is not valid: its check digit does not match. Check the number with \
                 the customer."
            ),
        ),
        TooLong { digits, max } => say(
            lang,
            format!(
                "{what_es} tiene {digits} dígitos y no puede pasar de {max}. Revíselo con el cliente."
            ),
            format!(
                "{what_en} has {digits} digits and cannot exceed {max}. Check it with the customer."
            ),
        ),
        UndoNeedsPersonRuc => say(
            lang,
            format!(
                "aCuotaz solo permite anular la facturación con el DNI o con un RUC que empieza con 10; \
                 el RUC {value} es de empresa. Use el DNI del cliente. No se envió nada."
            ),
            format!(
                "aCuotaz only undoes a billing by DNI or by a RUC starting with 10; RUC {value} belongs \
                 to a company. Use the customer's DNI. Nothing was sent."
            ),
        ),
        UnknownMode => say(
            lang,
            format!("El modo «{value}» no existe: use sandbox, mock o live."),
            format!("There is no «{value}» mode: use sandbox, mock or live."),
        ),
        UnknownLang => say(
            lang,
            format!("El idioma «{value}» no existe: use es o en."),
            format!("There is no «{value}» language: use es or en."),
        ),
        UnknownCountry => say(
            lang,
            format!("El país «{value}» no está entre los de Caja: use PE (Perú) o ES (España)."),
            format!("Caja does not work in «{value}»: use PE (Peru) or ES (Spain)."),
        ),
        CountryWithShiftOpen => say(
            lang,
            format!(
                "El país no puede cambiar a «{value}» con un turno abierto: su cajón se cuenta en la \
                 moneda de ahora. Cierre el turno (Turno, F6: cuadre y reporte Z) y cambie el país después."
            ),
            format!(
                "The country cannot change to «{value}» while a shift is open: its drawer is counted in \
                 today's currency. Close the shift (Turno, F6: count and Z report) and change it then."
            ),
        ),
        UnknownState => say(
            lang,
            format!("El estado «{value}» no existe: use pending, confirmed, rejected o unknown."),
            format!("There is no «{value}» state: use pending, confirmed, rejected or unknown."),
        ),
        ApiUrl(url_problem) => {
            let (es, en) = match url_problem {
                UrlProblem::Scheme => (
                    "debe empezar con https:// (o http:// solo para 127.0.0.1)",
                    "it must start with https:// (or http:// for 127.0.0.1 only)",
                ),
                UrlProblem::NoHost => {
                    ("falta el nombre del servidor", "the server name is missing")
                }
                UrlProblem::Malformed => (
                    "no está bien escrita; escríbala como https://apurata.com",
                    "it is not well formed; write it like https://apurata.com",
                ),
                UrlProblem::Credentials => (
                    "no debe llevar usuario ni contraseña (lo que va antes de @); quítelos: el token \
                     se guarda aparte, en Ajustes o con «caja token set»",
                    "it must not carry a user name or password (what comes before @); remove them: \
                     the token is kept apart, in Ajustes or with «caja token set»",
                ),
                UrlProblem::QueryOrFragment => (
                    "es la raíz del proveedor; quite lo que sigue a ? o #",
                    "it is the provider's root; remove what follows ? or #",
                ),
                UrlProblem::PlainHttpInLive => (
                    "en modo live solo se acepta https:// (http:// solo para direcciones de loopback)",
                    "live mode accepts https:// only (http:// only for loopback addresses)",
                ),
            };
            // The provider's, unless the field names another (Aplazame's, in Spain).
            let (url_es, url_en) = match field {
                "aplazame_url" => ("La URL de Aplazame", "Aplazame's URL"),
                _ => ("La URL del proveedor", "The provider URL"),
            };
            say(
                lang,
                format!("{url_es} «{value}» no sirve: {es}."),
                format!("{url_en} «{value}» cannot be used: {en}."),
            )
        }
        Day => say(
            lang,
            format!(
                "La fecha «{value}» no es válida: use el formato AAAA-MM-DD, por ejemplo 2026-11-22."
            ),
            format!("The date «{value}» is not valid: use YYYY-MM-DD, for example 2026-11-22."),
        ),
        PersonName => say(
            lang,
            "El nombre debe tener entre 2 y 40 caracteres. Escriba el nombre de la persona.",
            "The name must have 2 to 40 characters. Type the person's name.",
        ),
        Pin => say(
            lang,
            "El PIN debe tener de 4 a 8 números. Escríbalo de nuevo.",
            "The PIN must have 4 to 8 digits. Type it again.",
        ),
        IdleMinutes => say(
            lang,
            format!("«{value}» minutos no sirve para el bloqueo por inactividad: use de 1 a 60."),
            format!("«{value}» minutes cannot be used for the idle lock: use 1 to 60."),
        ),
        BackupGenerations => say(
            lang,
            format!(
                "«{value}» no sirve como número de copias de respaldo a conservar: use de 1 a 100."
            ),
            format!("«{value}» cannot be the number of backups to keep: use 1 to 100."),
        ),
        PostponeHours => say(
            lang,
            format!("«{value}» horas no sirve para posponer la actualización: use de 1 a 72."),
            format!("«{value}» hours cannot postpone the update: use 1 to 72."),
        ),
        BackupFolder => say(
            lang,
            format!(
                "«{value}» no sirve como carpeta de respaldo: escriba una ruta completa (una memoria USB \
                 o una carpeta de red), fuera de la carpeta de datos."
            ),
            format!(
                "«{value}» cannot be the backup folder: write a full path (a USB drive or a network \
                 share), outside the data folder."
            ),
        ),
        BackupFolderMissing => say(
            lang,
            format!(
                "La carpeta de respaldo «{value}» no existe: conecte la memoria USB o monte la carpeta \
                 de red, o escriba otra ruta (Caja no la crea)."
            ),
            format!(
                "The backup folder «{value}» does not exist: plug in the USB drive or mount the network \
                 share, or write another path (Caja does not create it)."
            ),
        ),
        BackupFolderNotWritable => say(
            lang,
            format!(
                "Caja no puede escribir en la carpeta de respaldo «{value}»: revise que la memoria USB no \
                 esté protegida contra escritura ni llena, y los permisos de la carpeta de red."
            ),
            format!(
                "Caja cannot write in the backup folder «{value}»: check the USB drive is not \
                 write-protected or full, and the network share's permissions."
            ),
        ),
        Reason => say(
            lang,
            "Escriba el motivo (al menos 5 letras): queda en el registro de auditoría.",
            "Write the reason (at least 5 letters): it is kept in the audit record.",
        ),
        other @ (HttpsUrl | OrderDescription | CustomerName | Phone | OrderId | StoreCode
        | ExpiryMinutes) => super::orders::input_problem(lang, other, field, value),
        other => super::shift::input_problem(lang, other, value),
    }
}

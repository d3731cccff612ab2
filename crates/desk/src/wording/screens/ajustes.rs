//! Ajustes: the settings form, the provider token, and the panel that says what is in use now.

use super::ScreenWord;

pub(super) const WORDS: &[ScreenWord] = &[
    (
        "settings.idleLock",
        "Bloquear la pantalla tras minutos sin uso (1 a 60)",
        "Lock the screen after minutes without use (1 to 60)",
    ),
    ("settings.title", "Ajustes", "Settings"),
    (
        "settings.unconfirmed",
        "Estos ajustes se cambiaron fuera de Caja (settings.json). Revíselos y guárdelos con el PIN de un supervisor para confirmarlos; en modo real Caja no hace operaciones hasta entonces.",
        "These settings were changed outside Caja (settings.json). Review them and save them with a supervisor's PIN to confirm them; in live mode Caja makes no operations until then.",
    ),
    ("settings.storeName", "Nombre de la tienda", "Store name"),
    ("settings.mode", "Modo", "Mode"),
    ("settings.apiUrl", "URL del proveedor", "Provider URL"),
    (
        "settings.apiUrlHint",
        "Vacío: la del modo",
        "Empty: the mode's default",
    ),
    ("settings.lang", "Idioma", "Language"),
    ("settings.printer", "Impresora", "Printer"),
    (
        "settings.printerHint",
        "Vacío: la predeterminada del sistema",
        "Empty: the system default",
    ),
    ("settings.tillTitle", "Esta caja", "This till"),
    ("settings.tillName", "Nombre de la caja", "Till name"),
    (
        "settings.tolerance",
        "Tolerancia de cierre (S/)",
        "Closing tolerance (S/)",
    ),
    (
        "settings.toleranceHint",
        "Una diferencia mayor necesita un supervisor para cerrar.",
        "A larger difference needs a supervisor to close.",
    ),
    (
        "settings.movementApproval",
        "Aprobar movimientos desde (S/)",
        "Approve cash moves above (S/)",
    ),
    (
        "settings.movementApprovalHint",
        "Ingresos y retiros por encima de este monto los aprueba un supervisor.",
        "Cash in and out above this amount is approved by a supervisor.",
    ),
    (
        "settings.thermalPrinter",
        "Impresora térmica de 80 mm",
        "80 mm thermal printer",
    ),
    (
        "settings.thermalPrinterHint",
        "tcp:IP[:9100] · cups:COLA · file:/dev/usb/lp0 · usb:VID:PID. Vacío: comprobantes en PDF.",
        "tcp:IP[:9100] · cups:QUEUE · file:/dev/usb/lp0 · usb:VID:PID. Empty: receipts as PDF.",
    ),
    ("settings.save", "Guardar ajustes", "Save settings"),
    ("settings.saving", "Guardando…", "Saving…"),
    ("settings.saved", "Ajustes guardados.", "Settings saved."),
    (
        "settings.overridden",
        "Fijado por {variable} en el entorno: un cambio aquí no se aplicará.",
        "Set by {variable} in the environment: a change here will not apply.",
    ),
    (
        "mode.sandbox",
        "Sandbox — simulador incluido, datos de prueba",
        "Sandbox — embedded simulator, test data",
    ),
    (
        "mode.mock",
        "Mock — endpoints de prueba de aCuotaz",
        "Mock — aCuotaz test endpoints",
    ),
    (
        "mode.live",
        "Live — producción, ventas reales",
        "Live — production, real sales",
    ),
    ("lang.es", "Español", "Español"),
    ("lang.en", "English", "English"),
    ("token.title", "Token de aCuotaz", "aCuotaz token"),
    ("token.input", "Nuevo token", "New token"),
    (
        "token.hint",
        "Se guarda en el almacén seguro del sistema y no se vuelve a mostrar.",
        "Kept in the system's secret store and never shown again.",
    ),
    ("token.save", "Guardar token", "Save token"),
    ("token.saved", "Token guardado.", "Token saved."),
    ("token.configured", "Token configurado", "Token configured"),
    (
        "token.testToken",
        "En sandbox y mock, sin token propio se usa el token público de prueba de aCuotaz.",
        "In sandbox and mock, without a token of your own, aCuotaz's public test token is used.",
    ),
    ("token.missing", "Sin token", "No token"),
    ("info.title", "En uso ahora", "In use now"),
    ("info.version", "Versión", "Version"),
    ("info.mode", "Modo", "Mode"),
    ("info.apiUrl", "URL del proveedor", "Provider URL"),
    (
        "info.embedded",
        "(simulador incluido)",
        "(embedded simulator)",
    ),
    ("info.storeName", "Tienda", "Store"),
    ("info.printer", "Impresora", "Printer"),
    (
        "info.systemPrinter",
        "La predeterminada del sistema",
        "The system default",
    ),
    ("info.today", "Hoy (Lima)", "Today (Lima)"),
    ("info.dataDir", "Carpeta de datos", "Data folder"),
    ("info.reportsDir", "Carpeta de reportes", "Reports folder"),
];

//! The frame around every screen: starting up, the navigation bar, the names of the roles and the
//! banner that says a till is on test data.

use super::ScreenWord;

pub(super) const WORDS: &[ScreenWord] = &[
    ("app.loading", "Cargando Caja…", "Loading Caja…"),
    (
        "app.startFailed",
        "Caja no pudo iniciar",
        "Caja could not start",
    ),
    ("app.retry", "Reintentar", "Try again"),
    ("app.store", "Tienda", "Store"),
    ("nav.label", "Pantallas", "Screens"),
    ("nav.cobro", "Cobro", "Checkout"),
    ("nav.resumen", "Resumen del día", "Day summary"),
    ("nav.historial", "Historial", "History"),
    ("nav.ajustes", "Ajustes", "Settings"),
    ("nav.supervision", "Supervisión", "Supervision"),
    ("nav.signOut", "Salir", "Sign out"),
    ("role.cashier", "Cajero", "Cashier"),
    ("role.supervisor", "Supervisor", "Supervisor"),
    (
        "banner.sandbox",
        "MODO SANDBOX — datos de prueba, no son ventas reales",
        "SANDBOX MODE — test data, not real sales",
    ),
    (
        "banner.mock",
        "MODO MOCK — endpoints de prueba de aCuotaz",
        "MOCK MODE — aCuotaz test endpoints",
    ),
];

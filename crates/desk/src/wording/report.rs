//! The words of the printed day summary (cuadre de caja): in Spanish exactly as Caja has always printed
//! them, and in English. Values reach these functions already formatted (money by `Soles`, times on
//! Lima's clock), so the two languages differ only in words, never in a figure.

use crate::wording::Lang;
use jiff::civil::{Date, Weekday};
use report::{SheetWords, TestData};
use till::Mode;

/// Picks the Spanish or the English words.
fn say<T>(lang: Lang, es: T, en: T) -> T {
    match lang {
        Lang::Es => es,
        Lang::En => en,
    }
}

/// The words of the sheet that do not depend on the day.
pub fn sheet_words(lang: Lang) -> SheetWords {
    let text = |es: &str, en: &str| say(lang, es, en).to_owned();
    let order_columns = say(
        lang,
        ["N°", "Pedido", "DNI", "Origen del pago", "Monto"],
        ["No.", "Order", "DNI", "Payment origin", "Amount"],
    );
    let operation_columns = say(
        lang,
        [
            "Hora",
            "Operación",
            "Código",
            "Documento",
            "Estado",
            "Inicial",
        ],
        [
            "Time",
            "Operation",
            "Code",
            "Document",
            "State",
            "Down payment",
        ],
    );
    SheetWords {
        title: text(
            "Resumen del día — cuadre de caja",
            "Day summary — till balancing",
        ),
        // The product and the provider's names: the same in every language.
        brand: "Caja · aCuotaz".to_owned(),
        store_label: text("Tienda:", "Store:"),
        day_label: text("Día:", "Day:"),
        mode_label: text("Modo:", "Mode:"),
        generated_label: text("Generado:", "Generated:"),
        figures_label: text("Cifras del proveedor:", "Provider's figures:"),
        totals_title: text("Totales del día", "Day totals"),
        totals_aside: text("según aCuotaz", "according to aCuotaz"),
        purchases_label: text("Total de compras", "Total purchases"),
        paid_in_store_label: text("Pagado en tienda", "Paid in store"),
        financed_label: text("Total financiado", "Total financed"),
        orders_title: text("Detalle de pedidos", "Order detail"),
        order_columns: order_columns.map(str::to_owned),
        no_orders: text(
            "Sin pedidos financiados este día",
            "No financed orders this day",
        ),
        operations_title: text("Operaciones de esta caja", "Operations at this till"),
        operation_columns: operation_columns.map(str::to_owned),
        no_operations: text(
            "Sin operaciones registradas en esta caja",
            "No operations recorded at this till",
        ),
        cashier_signature: text("Firma del cajero", "Cashier's signature"),
        supervisor_signature: text("Firma del supervisor", "Supervisor's signature"),
        signer_name: text("Nombre:", "Name:"),
        page_number: text("Página {page} de {pages}", "Page {page} of {pages}"),
    }
}

/// What a sheet of test data says about itself; `None` for live mode, whose figures are real sales.
pub fn test_data(lang: Lang, mode: Mode) -> Option<TestData> {
    if mode.is_live() {
        return None;
    }
    // The mode's own name, shouted: the same in both languages, as the mode is named everywhere.
    let label = mode.as_str().to_uppercase();
    Some(TestData {
        note: say(
            lang,
            "Datos de prueba: no son ventas reales",
            "Test data: not real sales",
        )
        .to_owned(),
        detail: say(
            lang,
            "Este resumen no sirve para el cuadre real de la caja.",
            "This summary is not for balancing the real till.",
        )
        .to_owned(),
        page_notice: say(
            lang,
            format!("{label} — datos de prueba"),
            format!("{label} — test data"),
        ),
        label,
    })
}

/// The mode, with what it means for the figures.
pub fn mode(lang: Lang, mode: Mode) -> &'static str {
    match (mode, lang) {
        (Mode::Live, Lang::Es) => "live (ventas reales)",
        (Mode::Sandbox, Lang::Es) => "sandbox (simulador de Caja, datos de prueba)",
        (Mode::Mock, Lang::Es) => "mock (entorno de prueba del proveedor)",
        (Mode::Live, Lang::En) => "live (real sales)",
        (Mode::Sandbox, Lang::En) => "sandbox (Caja's simulator, test data)",
        (Mode::Mock, Lang::En) => "mock (the provider's test environment)",
    }
}

/// `domingo 22 de noviembre de 2026`, `Sunday 22 November 2026`: day before month in both, as a store
/// in Peru reads a date.
pub fn long_date(lang: Lang, date: Date) -> String {
    const MONTHS_ES: [&str; 12] = [
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ];
    const MONTHS_EN: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let (weekday_es, weekday_en) = match date.weekday() {
        Weekday::Monday => ("lunes", "Monday"),
        Weekday::Tuesday => ("martes", "Tuesday"),
        Weekday::Wednesday => ("miércoles", "Wednesday"),
        Weekday::Thursday => ("jueves", "Thursday"),
        Weekday::Friday => ("viernes", "Friday"),
        Weekday::Saturday => ("sábado", "Saturday"),
        Weekday::Sunday => ("domingo", "Sunday"),
    };
    let month = usize::try_from(date.month() - 1).unwrap_or(0);
    let (day, year) = (date.day(), date.year());
    say(
        lang,
        format!("{weekday_es} {day} de {} de {year}", MONTHS_ES[month]),
        format!("{weekday_en} {day} {} {year}", MONTHS_EN[month]),
    )
}

/// The generation time as printed, `when` being a Lima date and time: `… (hora de Lima)`.
pub fn generated(lang: Lang, when: &str) -> String {
    generated_in(lang, when, till::Country::Peru)
}

/// The generation time as printed on the store's clock: `… (hora de Lima)`, `… (hora de Madrid)`.
pub fn generated_in(lang: Lang, when: &str, country: till::Country) -> String {
    let city = match country {
        till::Country::Peru => "Lima",
        till::Country::Spain => "Madrid",
    };
    say(
        lang,
        format!("{when} (hora de {city})"),
        format!("{when} ({city} time)"),
    )
}

/// The footer's left side: `Generado: …`, `generated` as [`generated`] words it.
pub fn footer(lang: Lang, generated: &str) -> String {
    say(
        lang,
        format!("Generado: {generated}"),
        format!("Generated: {generated}"),
    )
}

/// When the provider gave the figures: `al …`.
pub fn figures_fetched(lang: Lang, when: &str) -> String {
    say(lang, format!("al {when}"), format!("as of {when}"))
}

/// The note of a cached copy, `when` being when it was fetched.
pub fn cached_copy(lang: Lang, when: &str) -> String {
    say(
        lang,
        format!("Copia guardada el {when}: el proveedor no respondió"),
        format!("Saved copy from {when}: the provider did not answer"),
    )
}

/// `25 pedidos`, `1 pedido`.
/// The title of the day's credit sales section.
pub fn credit_sales_title(lang: Lang) -> &'static str {
    match lang {
        Lang::Es => "Ventas a cuotas de esta caja (aCuotaz)",
        Lang::En => "This till's credit sales (aCuotaz)",
    }
}

pub fn credit_sale_columns(lang: Lang) -> [String; 6] {
    let columns = match lang {
        Lang::Es => ["Hora", "Pedido", "Documento", "Monto", "Estado", "Devuelto"],
        Lang::En => ["Time", "Order", "Document", "Amount", "Status", "Refunded"],
    };
    columns.map(str::to_owned)
}

/// The note beneath a credit sale whose last call has no answer yet.
pub fn credit_sale_open(lang: Lang, action: &str) -> String {
    match lang {
        Lang::Es => format!("{action}: sin respuesta de aCuotaz todavía; Caja la reintenta."),
        Lang::En => format!("{action}: no answer from aCuotaz yet; Caja retries it."),
    }
}

pub fn orders_count(lang: Lang, count: usize) -> String {
    match (lang, count) {
        (Lang::Es, 1) => "1 pedido".to_owned(),
        (Lang::Es, n) => format!("{n} pedidos"),
        (Lang::En, 1) => "1 order".to_owned(),
        (Lang::En, n) => format!("{n} orders"),
    }
}

/// `6 operaciones`, `1 operación`.
pub fn operations_count(lang: Lang, count: usize) -> String {
    match (lang, count) {
        (Lang::Es, 1) => "1 operación".to_owned(),
        (Lang::Es, n) => format!("{n} operaciones"),
        (Lang::En, 1) => "1 operation".to_owned(),
        (Lang::En, n) => format!("{n} operations"),
    }
}

/// The line under an operation that went wrong: `Motivo: …`.
pub fn reason(lang: Lang, reason: &str) -> String {
    say(
        lang,
        format!("Motivo: {reason}"),
        format!("Reason: {reason}"),
    )
}

/// The header of the pages after the first, `day` being the short date.
pub fn running_header(lang: Lang, store_name: &str, day: &str) -> String {
    say(
        lang,
        format!("{store_name} — Resumen del día {day}"),
        format!("{store_name} — Day summary {day}"),
    )
}

/// The PDF's title, `day` being the short date.
pub fn document_title(lang: Lang, day: &str, store_name: &str) -> String {
    say(
        lang,
        format!("Resumen del día {day} — {store_name}"),
        format!("Day summary {day} — {store_name}"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn long_dates_in_both_languages() {
        let sunday = date(2026, 11, 22);
        assert_eq!(
            long_date(Lang::Es, sunday),
            "domingo 22 de noviembre de 2026"
        );
        assert_eq!(
            long_date(Lang::Es, date(2026, 9, 2)),
            "miércoles 2 de septiembre de 2026"
        );
        assert_eq!(long_date(Lang::En, sunday), "Sunday 22 November 2026");
    }

    #[test]
    fn live_mode_is_not_test_data() {
        assert_eq!(test_data(Lang::Es, Mode::Live), None);
        let mock = test_data(Lang::En, Mode::Mock).unwrap();
        assert_eq!(mock.label, "MOCK");
        assert_eq!(mock.page_notice, "MOCK — test data");
    }

    #[test]
    fn counts_agree_with_their_number() {
        assert_eq!(orders_count(Lang::Es, 1), "1 pedido");
        assert_eq!(orders_count(Lang::Es, 0), "0 pedidos");
        assert_eq!(operations_count(Lang::Es, 1), "1 operación");
        assert_eq!(operations_count(Lang::En, 6), "6 operations");
    }
}

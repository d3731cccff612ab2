//! The words of a shift's Aplazame checkouts (Spain) on its X and Z reports — the PDF's sections, the
//! 80 mm ticket's lines and the Turno screen's labels — and the name of each group of checkouts, in
//! Spanish and English.

use till::shift::financing::FinancingGroup;

use super::Lang;

/// The words of the reports' Aplazame section.
pub struct FinancingWords {
    /// `Financiación (Aplazame)`.
    pub title: &'static str,
    /// At the right of the title: whose answers these are, and that it is not drawer money.
    pub aside: &'static str,
    pub columns: [&'static str; 3],
    /// The checkouts not settled, one by one.
    pub open_title: &'static str,
    pub open_columns: [&'static str; 4],
}

pub fn words(lang: Lang) -> FinancingWords {
    match lang {
        Lang::Es => FinancingWords {
            title: "Financiación (Aplazame)",
            aside: "según Aplazame al cierre; no va al cajón",
            columns: ["Estado", "Compras", "Importe"],
            open_title: "Financiaciones sin resolver",
            open_columns: ["Pedido", "", "Estado", "Importe"],
        },
        Lang::En => FinancingWords {
            title: "Financing (Aplazame)",
            aside: "per Aplazame at closing; not drawer money",
            columns: ["Status", "Purchases", "Amount"],
            open_title: "Financing not settled",
            open_columns: ["Order", "", "Status", "Amount"],
        },
    }
}

/// A group of checkouts as the reports name it.
pub fn group(lang: Lang, group: FinancingGroup) -> &'static str {
    let (es, en) = match group {
        FinancingGroup::Confirmed => ("Confirmada (ok)", "Confirmed (ok)"),
        FinancingGroup::Declined => ("Denegada (ko)", "Declined (ko)"),
        FinancingGroup::AwaitingStore => (
            "Espera la confirmación de la tienda",
            "Awaiting the store's confirmation",
        ),
        FinancingGroup::AwaitingBuyer => ("El cliente no ha terminado", "Customer not done yet"),
        FinancingGroup::Alert => (
            "Alerta: respuesta distinta de lo enviado",
            "Alert: answer differs from what was sent",
        ),
        FinancingGroup::Unanswered => ("Solicitud sin respuesta", "Request unanswered"),
        FinancingGroup::NotFinanced => ("No financiable (403)", "Not financed (403)"),
        FinancingGroup::Refused => ("Rechazada por Aplazame", "Refused by Aplazame"),
        FinancingGroup::Abandoned => ("Dada por no enviada", "Marked as never sent"),
    };
    match lang {
        Lang::Es => es,
        Lang::En => en,
    }
}

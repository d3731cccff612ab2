//! The words of a shift's bank-transfer vouchers (aPagos) on its Z report — the PDF's sections, the 80 mm
//! ticket's lines and the closing screen's labels — and the name of each group of vouchers, in Spanish
//! and English. A status aPagos' document does not list is shown as aPagos wrote it.

use till::shift::transfers::VoucherGroup;

use super::Lang;

/// The words of the Z's transfers section.
pub struct TransferWords {
    /// `Transferencias (aPagos)`.
    pub title: &'static str,
    /// At the right of the title: whose statuses these are.
    pub aside: &'static str,
    pub columns: [&'static str; 3],
    /// The vouchers not settled, one by one.
    pub open_title: &'static str,
    pub open_columns: [&'static str; 4],
    /// Before an operation number on the ticket.
    pub operation: &'static str,
}

pub fn words(lang: Lang) -> TransferWords {
    match lang {
        Lang::Es => TransferWords {
            title: "Transferencias (aPagos)",
            aside: "estado según aPagos al cierre",
            columns: ["Estado", "Vouchers", "Importe"],
            open_title: "Transferencias sin resolver",
            open_columns: ["Voucher", "N.º de operación", "Estado", "Importe"],
            operation: "op.",
        },
        Lang::En => TransferWords {
            title: "Transfers (aPagos)",
            aside: "status per aPagos at closing",
            columns: ["Status", "Vouchers", "Amount"],
            open_title: "Transfers not settled",
            open_columns: ["Voucher", "Operation no.", "Status", "Amount"],
            operation: "op.",
        },
    }
}

/// A group of vouchers as the Z names it.
pub fn group(lang: Lang, group: &VoucherGroup) -> String {
    let (es, en) = match group {
        VoucherGroup::Validated => ("Validada", "Validated"),
        VoucherGroup::Invalid => ("Inválida", "Invalid"),
        VoucherGroup::InReview => ("En revisión", "In review"),
        VoucherGroup::Pending => ("Pendiente", "Pending"),
        VoucherGroup::Canceled => ("Anulada", "Canceled"),
        VoucherGroup::Other(status) => return status.clone(),
        VoucherGroup::Unanswered => ("Registro sin respuesta", "Register unanswered"),
        VoucherGroup::Refused => ("Rechazado por aPagos", "Refused by aPagos"),
        VoucherGroup::Abandoned => ("Dado por no enviado", "Marked as never sent"),
    };
    match lang {
        Lang::Es => es.to_owned(),
        Lang::En => en.to_owned(),
    }
}

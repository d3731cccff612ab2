//! Words of the tamper-evident record: what `audit verify` found, one sentence per finding naming the
//! operation, person or entry, for the Supervisión screen and `caja audit verify` alike.

use till::audit::Finding;

use super::{Lang, say};

/// A finding of the audit check in the supervisor's language, naming the row, person or entry.
pub fn audit_finding(lang: Lang, finding: &Finding) -> String {
    let es = match finding {
        Finding::EntryEdited { seq } => {
            format!("El evento n.° {seq} del registro de auditoría fue modificado.")
        }
        Finding::ChainBroken { seq, previous_seq } => format!(
            "La cadena se rompe en el evento n.° {seq} (después del n.° {previous_seq}): se borraron o \
             reordenaron eventos."
        ),
        Finding::RowEdited { id, fields } => format!(
            "La operación n.° {id} del registro fue modificada fuera de Caja ({}).",
            fields.join(", ")
        ),
        Finding::RowDeleted { id } => {
            format!("La operación n.° {id} fue borrada del registro.")
        }
        Finding::RowUnsealed { id } => {
            format!("La operación n.° {id} fue agregada al registro fuera de Caja.")
        }
        Finding::PersonEdited { id, fields } => format!(
            "La persona n.° {id} fue modificada fuera de Caja ({}).",
            fields.join(", ")
        ),
        Finding::PersonDeleted { id } => format!("La persona n.° {id} fue borrada fuera de Caja."),
        Finding::PersonUnsealed { id } => {
            format!("La persona n.° {id} fue agregada fuera de Caja.")
        }
        Finding::OrderEdited { table, id, fields } => format!(
            "{} n.° {id} fue modificado fuera de Caja ({}).",
            order_table(Lang::Es, table),
            fields.join(", ")
        ),
        Finding::OrderDeleted { table, id } => {
            format!(
                "{} n.° {id} fue borrado fuera de Caja.",
                order_table(Lang::Es, table)
            )
        }
        Finding::OrderUnsealed { table, id } => {
            format!(
                "{} n.° {id} fue agregado fuera de Caja.",
                order_table(Lang::Es, table)
            )
        }
        Finding::HeadMissing {
            anchored_seq,
            found_seq,
        } => format!(
            "El registro termina en el evento n.° {found_seq}, pero Caja había llegado al n.° \
             {anchored_seq}: se borraron las últimas operaciones o se reemplazó el archivo."
        ),
        Finding::AnchorForged => "La marca del último evento (audit-head) fue alterada o \
                                  pertenece a otra caja."
            .to_owned(),
        Finding::AnchorMissing { found_seq } => format!(
            "Falta la marca del último evento (audit-head) con {found_seq} eventos registrados: \
             fue borrada."
        ),
        Finding::SettingsEdited => "Los ajustes (settings.json) se cambiaron fuera de Caja: un \
                                    supervisor debe revisarlos y guardarlos en Ajustes."
            .to_owned(),
    };
    let en = match finding {
        Finding::EntryEdited { seq } => format!("Audit entry #{seq} was modified."),
        Finding::ChainBroken { seq, previous_seq } => format!(
            "The chain breaks at entry #{seq} (after #{previous_seq}): entries were deleted or reordered."
        ),
        Finding::RowEdited { id, fields } => format!(
            "Journal operation #{id} was modified outside Caja ({}).",
            fields.join(", ")
        ),
        Finding::RowDeleted { id } => format!("Journal operation #{id} was deleted."),
        Finding::RowUnsealed { id } => format!("Journal operation #{id} was added outside Caja."),
        Finding::PersonEdited { id, fields } => format!(
            "Person #{id} was modified outside Caja ({}).",
            fields.join(", ")
        ),
        Finding::PersonDeleted { id } => format!("Person #{id} was deleted outside Caja."),
        Finding::PersonUnsealed { id } => format!("Person #{id} was added outside Caja."),
        Finding::OrderEdited { table, id, fields } => format!(
            "{} #{id} was modified outside Caja ({}).",
            order_table(Lang::En, table),
            fields.join(", ")
        ),
        Finding::OrderDeleted { table, id } => {
            format!(
                "{} #{id} was deleted outside Caja.",
                order_table(Lang::En, table)
            )
        }
        Finding::OrderUnsealed { table, id } => {
            format!(
                "{} #{id} was added outside Caja.",
                order_table(Lang::En, table)
            )
        }
        Finding::HeadMissing {
            anchored_seq,
            found_seq,
        } => format!(
            "The record ends at entry #{found_seq}, but Caja had reached #{anchored_seq}: the newest \
             operations were deleted or the file was replaced."
        ),
        Finding::AnchorForged => {
            "The mark of the newest entry (audit-head) was altered or belongs to another till."
                .to_owned()
        }
        Finding::AnchorMissing { found_seq } => format!(
            "The mark of the newest entry (audit-head) is gone with {found_seq} entries recorded: it \
             was deleted."
        ),
        Finding::SettingsEdited => "The settings (settings.json) were changed outside Caja: a \
                                    supervisor must review and save them in Ajustes."
            .to_owned(),
    };
    say(lang, es, en)
}

/// What a row of the credit sales' tables is called in a finding.
fn order_table(lang: Lang, table: &str) -> &'static str {
    match (table, lang) {
        ("credit_order", Lang::Es) => "El pedido a cuotas",
        ("credit_order", Lang::En) => "Credit sale",
        (_, Lang::Es) => "El registro de pedido",
        (_, Lang::En) => "Order journal row",
    }
}

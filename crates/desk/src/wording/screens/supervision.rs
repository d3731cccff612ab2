//! Supervisión: the people of the till and the tamper-evident record.

use super::ScreenWord;

pub(super) const WORDS: &[ScreenWord] = &[
    (
        "people.title",
        "Personas de esta caja",
        "People of this till",
    ),
    ("people.name", "Nombre", "Name"),
    ("people.role", "Rol", "Role"),
    ("people.state", "Estado", "State"),
    ("people.active", "Activo", "Active"),
    ("people.disabled", "Desactivado", "Disabled"),
    ("people.disable", "Desactivar", "Disable"),
    ("people.enable", "Activar", "Enable"),
    ("people.add", "Agregar una persona", "Add a person"),
    (
        "people.pin",
        "PIN inicial (4 a 8 números)",
        "First PIN (4 to 8 digits)",
    ),
    ("people.addButton", "Agregar", "Add"),
    ("people.added", "{name} agregado.", "{name} added."),
    ("audit.title", "Registro de auditoría", "Audit record"),
    (
        "audit.lead",
        "Cada operación queda encadenada con la anterior: una fila editada, borrada o reordenada fuera de Caja se detecta y se nombra.",
        "Each operation is chained to the one before: a row edited, deleted or reordered outside Caja is found and named.",
    ),
    ("audit.verify", "Verificar el registro", "Verify the record"),
    (
        "audit.intact",
        "Registro íntegro: {entries} eventos y {rows} operaciones verificados.",
        "Record intact: {entries} entries and {rows} operations verified.",
    ),
    (
        "audit.tampered",
        "El registro fue alterado fuera de Caja:",
        "The record was altered outside Caja:",
    ),
    ("audit.day", "Día a exportar", "Day to export"),
    (
        "audit.export",
        "Exportar CSV para contabilidad",
        "Export CSV for accounting",
    ),
    (
        "audit.exported",
        "{rows} operaciones exportadas a {path}",
        "{rows} operations exported to {path}",
    ),
    ("doctor.title", "Revisión del equipo", "Till check-up"),
    (
        "doctor.lead",
        "Lo mismo que «caja doctor»: proveedor y token, transferencias (aPagos), reloj, base de datos, disco, copias, impresora, secretos, Central y pendientes.",
        "The same as “caja doctor”: provider and token, transfers (aPagos), clock, database, disk, backups, printer, secrets, Central and pending.",
    ),
    ("doctor.run", "Revisar de nuevo", "Check again"),
    ("doctor.fix", "Arreglo: {fix}", "Fix: {fix}"),
];

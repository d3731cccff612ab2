//! Words of `caja backup now|list|verify|restore` and of the automatic backups: which generation was
//! written, which check a file failed, what a restore will lose, and the command to type next.

use till::backup::restore::{Lost, RestoreOutcome, RestorePlan};
use till::backup::write::Written;
use till::backup::{BackupError, FailedCheck, Generation, Verification};

use crate::backup_settings::BackupSettings;
use crate::wording::{Explain, Lang, say};

fn size(bytes: u64) -> String {
    if bytes >= 1 << 20 {
        format!("{:.1} MB", bytes as f64 / f64::from(1u32 << 20))
    } else {
        format!("{:.1} kB", bytes as f64 / 1024.0)
    }
}

fn when(generation: &Generation) -> String {
    generation
        .written_at
        .strftime("%Y-%m-%d %H:%M:%S UTC")
        .to_string()
}

/// Why a backup, a listing, a check or a restore failed, and what to do.
pub fn failure(lang: Lang, error: &BackupError) -> String {
    match error {
        BackupError::NoFolder => say(
            lang,
            "No hay carpeta de respaldo configurada. Elíjala (una memoria USB o una carpeta de red) con \
             la aprobación de un supervisor: caja settings set --backup-folder /media/usb/caja \
             --backup-generations 7 --approver NOMBRE --reason \"copias de respaldo\"",
            "No backup folder is configured. Choose one (a USB drive or a network share) with a \
             supervisor's approval: caja settings set --backup-folder /media/usb/caja \
             --backup-generations 7 --approver NAME --reason \"backups\"",
        ),
        BackupError::FolderMissing(path) => say(
            lang,
            format!(
                "La carpeta de respaldo {} no existe: conecte la memoria USB o monte la carpeta de red \
                 (Caja no la crea), o elija otra con caja settings set --backup-folder.",
                path.display()
            ),
            format!(
                "The backup folder {} does not exist: plug in the USB drive or mount the network share \
                 (Caja does not create it), or choose another with caja settings set --backup-folder.",
                path.display()
            ),
        ),
        BackupError::Busy(path) => say(
            lang,
            format!(
                "Ya se está escribiendo una copia en {}: espere a que termine.",
                path.display()
            ),
            format!(
                "A backup is already being written to {}: wait for it to finish.",
                path.display()
            ),
        ),
        BackupError::NoDatabase(path) => say(
            lang,
            format!(
                "No hay base de datos de Caja en {} que respaldar.",
                path.display()
            ),
            format!(
                "There is no Caja database in {} to back up.",
                path.display()
            ),
        ),
        BackupError::Failed {
            file,
            check,
            detail,
            ..
        } => {
            let file = file.display();
            let (es, en) = match check {
                FailedCheck::Name => (
                    format!("{file} no es una copia de respaldo de Caja (caja-…-<suma>.sqlite3)"),
                    format!("{file} is not a Caja backup (caja-…-<checksum>.sqlite3)"),
                ),
                FailedCheck::Checksum => (
                    format!(
                        "La copia {file} no pasó la suma de verificación: sus bytes cambiaron después \
                         de escribirse ({detail})"
                    ),
                    format!(
                        "The backup {file} failed its checksum: its bytes changed after it was written \
                         ({detail})"
                    ),
                ),
                FailedCheck::Integrity => (
                    format!(
                        "La copia {file} no pasó la verificación de integridad de SQLite: está dañada \
                         ({detail})"
                    ),
                    format!(
                        "The backup {file} failed SQLite's integrity check: it is damaged ({detail})"
                    ),
                ),
                FailedCheck::Chain => (
                    format!(
                        "La copia {file} no pasó la verificación de la cadena de auditoría ({detail})"
                    ),
                    format!("The backup {file} failed the audit chain check ({detail})"),
                ),
            };
            say(
                lang,
                format!("{es}. No se puede restaurar: elija otra generación (caja backup list)."),
                format!(
                    "{en}. It cannot be restored: choose another generation (caja backup list)."
                ),
            )
        }
        BackupError::ShiftOpen { id } => say(
            lang,
            format!(
                "No se puede restaurar con el turno #{id} abierto: ciérrelo primero (caja shift close)."
            ),
            format!("Cannot restore while shift #{id} is open: close it first (caja shift close)."),
        ),
        BackupError::OperationsOpen { ids } => {
            let ids = ids
                .iter()
                .map(|id| format!("#{id}"))
                .collect::<Vec<_>>()
                .join(", ");
            say(
                lang,
                format!(
                    "No se puede restaurar: hay operaciones sin resultado final ({ids}). Resuélvalas \
                     primero (caja history --pending, caja sync)."
                ),
                format!(
                    "Cannot restore: operations have no final outcome yet ({ids}). Resolve them first \
                     (caja history --pending, caja sync)."
                ),
            )
        }
        BackupError::Till(error) => error.message(lang),
    }
}

/// An automatic backup failed: said, never blocking what it followed.
pub fn automatic_failed(lang: Lang, error: &BackupError) -> String {
    let why = failure(lang, error);
    say(
        lang,
        format!("La copia de respaldo automática no se hizo. {why}"),
        format!("The automatic backup was not made. {why}"),
    )
}

/// `caja backup now`: the generation written.
pub fn written(lang: Lang, written: &Written) -> String {
    let generation = &written.verification.generation;
    let pruned = written.pruned.len();
    say(
        lang,
        format!(
            "Copia de respaldo escrita y verificada (integridad y cadena de auditoría, {} entradas): {} \
             ({}). Copias antiguas borradas: {pruned}.",
            written.verification.entries_checked,
            generation.path.display(),
            size(generation.size_bytes)
        ),
        format!(
            "Backup written and verified (integrity and audit chain, {} entries): {} ({}). Old \
             backups removed: {pruned}.",
            written.verification.entries_checked,
            generation.path.display(),
            size(generation.size_bytes)
        ),
    )
}

/// `caja backup list`: one line per generation, oldest first, with its check.
pub fn generations(lang: Lang, rows: &[(Generation, Result<(), String>)]) -> String {
    if rows.is_empty() {
        return say(
            lang,
            "No hay copias de respaldo en la carpeta: caja backup now escribe una.",
            "There are no backups in the folder: caja backup now writes one.",
        );
    }
    rows.iter()
        .map(|(generation, checked)| {
            let state = match checked {
                Ok(()) => say(lang, "verificada", "verified"),
                Err(why) => say(
                    lang,
                    format!("NO VÁLIDA: {why}"),
                    format!("NOT VALID: {why}"),
                ),
            };
            format!(
                "{}  {:>9}  {}  {state}",
                when(generation),
                size(generation.size_bytes),
                generation.file_name
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// `caja backup verify FILE`: every check passed.
pub fn verified(lang: Lang, verification: &Verification) -> String {
    let generation = &verification.generation;
    say(
        lang,
        format!(
            "{} está bien: suma de verificación, integridad de SQLite y cadena de auditoría ({} \
             entradas, {} filas, {} personas). Escrita el {}.",
            generation.file_name,
            verification.entries_checked,
            verification.rows_checked,
            verification.people_checked,
            when(generation)
        ),
        format!(
            "{} is sound: checksum, SQLite's integrity and the audit chain ({} entries, {} rows, {} \
             people). Written {}.",
            generation.file_name,
            verification.entries_checked,
            verification.rows_checked,
            verification.people_checked,
            when(generation)
        ),
    )
}

fn lost_lines(lang: Lang, lost: &Lost) -> String {
    if lost.is_nothing() {
        return say(
            lang,
            "La base de datos actual no tiene nada que la copia no tenga.",
            "The current database holds nothing the backup lacks.",
        );
    }
    let mut lines = vec![say(
        lang,
        format!(
            "Se perderá lo que la base actual tiene y la copia no: {} operaciones, {} operaciones de \
             pedidos, {} vouchers, {} checkouts de Aplazame, {} turnos, {} reportes Z, {} entradas de \
             auditoría.",
            lost.operations,
            lost.order_operations,
            lost.vouchers,
            lost.aplazame_checkouts,
            lost.shifts,
            lost.z_reports,
            lost.audit_entries
        ),
        format!(
            "What the current database holds and the backup does not will be lost: {} operations, {} \
             order operations, {} vouchers, {} Aplazame checkouts, {} shifts, {} Z reports, {} audit \
             entries.",
            lost.operations,
            lost.order_operations,
            lost.vouchers,
            lost.aplazame_checkouts,
            lost.shifts,
            lost.z_reports,
            lost.audit_entries
        ),
    )];
    for (id, at, kind, state, code) in &lost.newest_operations {
        lines.push(format!("  #{id}  {at}  {kind}  {state}  {code}"));
    }
    for (mode, number, at) in &lost.newest_z_reports {
        lines.push(format!("  Z {number} ({mode})  {at}"));
    }
    lines.join("\n")
}

/// What a restore will do, before it is confirmed.
pub fn restore_plan(lang: Lang, plan: &RestorePlan) -> String {
    let generation = &plan.verification.generation;
    let mut text = say(
        lang,
        format!(
            "Restaurar {} (escrita el {}, verificada).",
            generation.file_name,
            when(generation)
        ),
        format!(
            "Restore {} (written {}, verified).",
            generation.file_name,
            when(generation)
        ),
    );
    if !plan.same_chain {
        text.push('\n');
        text.push_str(&say(
            lang,
            "Atención: la cadena de auditoría de la copia no es el comienzo de la actual (otra caja, o \
             una historia distinta).",
            "Warning: the backup's audit chain is not the start of the current one (another till, or a \
             different history).",
        ));
    }
    format!("{text}\n{}", lost_lines(lang, &plan.lost))
}

/// A restore shown but not done: how to confirm it.
pub fn restore_needs_yes(lang: Lang) -> String {
    say(
        lang,
        "No se restauró nada. Para restaurar, repita el comando con --yes (y la aprobación de un \
         supervisor: --approver NOMBRE --reason \"...\").",
        "Nothing was restored. To restore, repeat the command with --yes (and a supervisor's \
         approval: --approver NAME --reason \"...\").",
    )
}

/// A restore done.
pub fn restored(lang: Lang, outcome: &RestoreOutcome) -> String {
    let aside = outcome
        .kept_aside
        .as_ref()
        .map(|path| path.display().to_string())
        .unwrap_or_else(|| "-".to_owned());
    let chain = if outcome.report.is_intact() {
        say(
            lang,
            format!(
                "La cadena de auditoría verifica ({} entradas).",
                outcome.report.entries_checked
            ),
            format!(
                "The audit chain verifies ({} entries).",
                outcome.report.entries_checked
            ),
        )
    } else {
        say(
            lang,
            format!(
                "ATENCIÓN: la verificación encontró {} problemas: caja audit verify los detalla.",
                outcome.report.findings.len()
            ),
            format!(
                "WARNING: the check found {} problems: caja audit verify details them.",
                outcome.report.findings.len()
            ),
        )
    };
    let anchor = match &outcome.anchor_before {
        None => String::new(),
        Some(_) => say(
            lang,
            " La marca de la cadena fuera de la base nombraba entradas más nuevas que la copia: la \
             restauración quedó sellada en la auditoría y la marca se rehízo.",
            " The chain's anchor outside the database named entries newer than the backup: the \
             restore was sealed in the audit record and the anchor made again.",
        ),
    };
    say(
        lang,
        format!("Copia restaurada. La base anterior quedó guardada en {aside}. {chain}{anchor}"),
        format!("Backup restored. The previous database is kept in {aside}. {chain}{anchor}"),
    )
}

/// `caja settings show`: the backup settings.
pub fn backup_settings_shown(lang: Lang, settings: &BackupSettings) -> String {
    let generations = settings.generations;
    match settings.folder.as_deref() {
        Some(folder) => say(
            lang,
            format!("Copias de respaldo: en {folder}, se conservan {generations}."),
            format!("Backups: to {folder}, {generations} kept."),
        ),
        None => say(
            lang,
            format!(
                "Copias de respaldo: sin carpeta (caja settings set --backup-folder), se conservarían \
                 {generations}."
            ),
            format!(
                "Backups: no folder (caja settings set --backup-folder), {generations} would be kept."
            ),
        ),
    }
}

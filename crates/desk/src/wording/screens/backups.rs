//! Ajustes' «Copias de respaldo» (the folder, the number kept, the newest backup, «Respaldar ahora»),
//! the Z's warning when the backup after it failed, and Supervisión's notice of a failed automatic one.

use super::ScreenWord;

pub(super) const WORDS: &[ScreenWord] = &[
    ("backup.title", "Copias de respaldo", "Backups"),
    (
        "backup.lead",
        "Caja guarda una copia verificada después de cada cierre (Z) y una vez al día. Use una memoria USB o una carpeta de red: una copia en el mismo disco se pierde con él.",
        "Caja writes a verified backup after every closing (Z) and once a day. Use a USB drive or a network share: a backup on the same disk is lost with it.",
    ),
    ("backup.folder", "Carpeta de respaldo", "Backup folder"),
    (
        "backup.folderHint",
        "Ruta completa, p. ej. /media/usb/caja. Vacío: sin copias. Caja no crea la carpeta.",
        "Full path, e.g. /media/usb/caja. Empty: no backups. Caja does not create the folder.",
    ),
    (
        "backup.generations",
        "Copias a conservar (1 a 100)",
        "Backups to keep (1 to 100)",
    ),
    ("backup.save", "Guardar copias", "Save backups"),
    ("backup.saving", "Guardando…", "Saving…"),
    ("backup.saved", "Guardado", "Saved"),
    ("backup.last", "Última copia", "Latest backup"),
    (
        "backup.none",
        "Aún no hay copias en la carpeta.",
        "No backup in the folder yet.",
    ),
    (
        "backup.noFolder",
        "Sin carpeta de respaldo: no se hacen copias.",
        "No backup folder: no backups are made.",
    ),
    ("backup.verified", "Verificada", "Verified"),
    ("backup.notVerified", "No verifica", "Does not verify"),
    ("backup.now", "Respaldar ahora", "Back up now"),
    ("backup.working", "Respaldando…", "Backing up…"),
    (
        "backup.nowHint",
        "Solo un supervisor. Escribe y verifica una copia ahora en la carpeta guardada.",
        "Supervisors only. Writes and verifies a backup now in the saved folder.",
    ),
    ("backup.errorTitle", "Copia de respaldo", "Backup"),
    (
        "backup.zProblemTitle",
        "La copia de respaldo después del cierre no se hizo",
        "The backup after the closing was not made",
    ),
    (
        "backup.noticeTitle",
        "Una copia de respaldo automática falló",
        "An automatic backup failed",
    ),
];

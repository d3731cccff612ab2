//! The desktop's words about backups (Ajustes' «Copias de respaldo», the Z after a closing, the backup
//! at start): why one failed and what to do there, with the screen's button rather than a command to
//! type. The CLI's own are in [`super::cli::backup`].

use till::backup::BackupError;
use till::backup::write::Written;

use super::{Lang, say};

/// Why a backup the desktop asked for failed, and what to do at the till.
pub fn failure(lang: Lang, error: &BackupError) -> String {
    match error {
        BackupError::NoFolder => say(
            lang,
            "No hay carpeta de respaldo: escriba la ruta de una memoria USB o de una carpeta de red en \
             «Carpeta de respaldo» y guárdela con el PIN de un supervisor.",
            "No backup folder is set: write the path of a USB drive or a network share in «Carpeta de \
             respaldo» and save it with a supervisor's PIN.",
        ),
        BackupError::FolderMissing(path) => say(
            lang,
            format!(
                "La carpeta de respaldo {} no existe: conecte la memoria USB o monte la carpeta de red \
                 (Caja no la crea).",
                path.display()
            ),
            format!(
                "The backup folder {} does not exist: plug in the USB drive or mount the network share \
                 (Caja does not create it).",
                path.display()
            ),
        ),
        other => super::cli::backup::failure(lang, other),
    }
}

/// An automatic backup (after a Z, or at start) failed: what failed and what to do, never blocking.
pub fn automatic_failed(lang: Lang, error: &BackupError) -> String {
    let why = failure(lang, error);
    say(
        lang,
        format!(
            "La copia de respaldo automática no se hizo. {why} Luego pulse «Respaldar ahora» en \
             Ajustes (Copias de respaldo)."
        ),
        format!(
            "The automatic backup was not made. {why} Then press «Respaldar ahora» in Ajustes \
             (Copias de respaldo)."
        ),
    )
}

/// «Respaldar ahora» worked: the file, checked, and how many old ones went.
pub fn written(lang: Lang, written: &Written) -> String {
    let file = &written.verification.generation.file_name;
    let pruned = written.pruned.len();
    say(
        lang,
        format!("Copia guardada y verificada: {file}. Copias antiguas borradas: {pruned}."),
        format!("Backup written and verified: {file}. Old backups removed: {pruned}."),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failure_says_what_to_do_at_the_till() {
        let missing = BackupError::FolderMissing("/media/usb/caja".into());
        let text = automatic_failed(Lang::Es, &missing);
        assert!(
            text.contains("/media/usb/caja") && text.contains("memoria USB"),
            "{text}"
        );
        assert!(text.contains("«Respaldar ahora» en Ajustes"), "{text}");
        assert!(!failure(Lang::Es, &BackupError::NoFolder).contains("caja settings"));
    }
}

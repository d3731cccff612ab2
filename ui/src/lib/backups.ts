// The bridge of Ajustes' «Copias de respaldo» (desk::backup_panel): the section, its settings saved with
// a supervisor's approval, and «Respaldar ahora». Kept beside `api.ts` so the backup commands stay in one
// place; the types are the generated ones.
import { call } from "./api";
import type { BackupSettingsForm, BackupView, BackupWrittenView } from "./bindings";

export type { BackupSettingsForm, BackupView, BackupWrittenView };

export const backupsApi = {
  /** The folder, the number kept, the newest backup checked again, and any automatic backup's failure. */
  backups: () => call<BackupView>("backups"),
  /** Only an automatic backup's failure, or null: Supervisión's banner (nothing is read from the folder). */
  notice: () => call<string | null>("backup_notice"),
  /** Saves the folder and the number kept; a change needs a supervisor's approval when sign-in is on. */
  save: (form: BackupSettingsForm) => call<BackupView>("save_backup_settings", { form }),
  /** A supervisor writes and verifies a backup now. */
  backupNow: () => call<BackupWrittenView>("backup_now"),
};

//! `caja aplazame key`: the store's Aplazame private key for the mode in force, kept as the provider
//! token is (the system secret store, or the owner-only file where there is none, and then said so on
//! stderr). It is read from standard input, never from a flag, and never printed; saving it needs a
//! supervisor's approval wherever the rules apply, and the change (never the key) is sealed in the
//! audit record.

use std::io::{BufRead, IsTerminal};

use desk::secrets::TokenStore;
use desk::wording::{self, cli as words};
use serde_json::json;

use crate::args::{ApprovalArgs, Cli};
use crate::output::{CliError, Printer};
use crate::{setup, staff};

pub fn save(cli: &Cli, printer: &Printer, approval_args: &ApprovalArgs) -> Result<(), CliError> {
    let mode = setup::effective_mode(cli)?;
    let data_dir = setup::data_dir(cli);
    if std::io::stdin().is_terminal() {
        eprintln!("{}", words::paste_aplazame_key(printer.lang, mode));
    }
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|error| CliError::other("io", error.to_string()))?;
    let people = desk::settings::open_staff(&data_dir)?;
    staff::sign_in(cli, printer, &people)?;
    let approval = staff::approval(printer, &people, approval_args)?;
    let kept = desk::views::save_aplazame_key(
        &people,
        &data_dir,
        &setup::overrides(cli),
        &line,
        approval.as_ref(),
    )?;
    if let Some(warning) = wording::token_store_notice(printer.lang, &kept) {
        eprintln!("{warning}");
    }
    let text = words::aplazame_key_saved(printer.lang, mode, &kept);
    let file = match &kept {
        TokenStore::SecretService => None,
        TokenStore::OwnerOnlyFile(path) => Some(path.display().to_string()),
    };
    let details = json!({
        "action": "key",
        "mode": mode,
        "saved": true,
        "kept_in": kept.kind(),
        "file": file,
    });
    printer.success("aplazame", details, &text);
    Ok(())
}

//! `caja token set|status|clear`: the provider token of the mode in force, kept in the system secret
//! store or, where there is none, in the owner-only file (and then said so on stderr). It is read from
//! standard input, never from a flag, and never printed. Setting or clearing it needs a supervisor's
//! approval wherever the rules apply (see `till::staff`); the change is sealed in the audit record.

use std::io::{BufRead, IsTerminal};

use desk::secrets::{self, TokenStore};
use desk::wording::{self, cli as words};
use serde_json::json;
use till::TillError;

use crate::args::{ApprovalArgs, Cli, TokenAction};
use crate::output::{CliError, Printer};
use crate::{setup, staff};

pub fn run(
    cli: &Cli,
    printer: &Printer,
    action: &TokenAction,
    approval_args: &ApprovalArgs,
) -> Result<(), CliError> {
    let mode = setup::effective_mode(cli)?;
    let data_dir = setup::data_dir(cli);
    match action {
        TokenAction::Set => {
            if std::io::stdin().is_terminal() {
                eprintln!("{}", words::paste_token(printer.lang, mode));
            }
            let mut line = String::new();
            std::io::stdin()
                .lock()
                .read_line(&mut line)
                .map_err(|error| CliError::other("io", error.to_string()))?;
            if line.trim().is_empty() {
                return Err(CliError::other(
                    "invalid_input",
                    words::no_token_given(printer.lang),
                ));
            }
            let people = desk::settings::open_staff(&data_dir)?;
            staff::sign_in(cli, printer, &people)?;
            let approval = staff::approval(printer, &people, approval_args)?;
            let kept = desk::views::save_token(
                &people,
                &data_dir,
                &setup::overrides(cli),
                &line,
                approval.as_ref(),
            )?;
            if let Some(warning) = wording::token_store_notice(printer.lang, &kept) {
                eprintln!("{warning}");
            }
            let text = words::token_saved(printer.lang, mode, &kept);
            let details = json!({
                "mode": mode,
                "saved": true,
                "kept_in": kept.kind(),
                "file": file_of(&kept),
            });
            printer.success("token", details, &text);
        }
        TokenAction::Status => {
            let from_env = std::env::var("CAJA_TOKEN").is_ok_and(|t| !t.trim().is_empty());
            let kept = secrets::where_kept(&data_dir, mode);
            let text = match (from_env, &kept) {
                (true, _) => words::token_from_env(printer.lang),
                (false, Some(kept)) => words::token_kept(printer.lang, mode, kept),
                (false, None) => words::no_token(printer.lang, mode),
            };
            let details = json!({
                "mode": mode,
                "from_env": from_env,
                "stored": kept.is_some(),
                "kept_in": kept.as_ref().map(TokenStore::kind),
                "file": kept.as_ref().and_then(file_of),
            });
            printer.success("token", details, &text);
        }
        TokenAction::Clear => {
            let people = desk::settings::open_staff(&data_dir)?;
            staff::sign_in(cli, printer, &people)?;
            let approval = staff::approval(printer, &people, approval_args)?;
            people.approval_for(mode, approval.as_ref(), "settings")?;
            secrets::delete_token(&data_dir, mode).map_err(TillError::from)?;
            let text = words::token_removed(printer.lang, mode);
            printer.success("token", json!({ "mode": mode, "saved": false }), &text);
        }
    }
    Ok(())
}

fn file_of(kept: &TokenStore) -> Option<String> {
    match kept {
        TokenStore::SecretService => None,
        TokenStore::OwnerOnlyFile(path) => Some(path.display().to_string()),
    }
}

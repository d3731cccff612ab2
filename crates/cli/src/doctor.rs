//! `caja doctor`: every check of [`desk::doctor`] on this till, one line each with its verdict and fix
//! (or `--json`, an array of `{check, status, detail, fix}`), and `--bundle FILE`, the support bundle.
//! Its exit code is its own: 0 all ok, 1 warnings, 2 failures.

use std::path::Path;

use desk::doctor::{self, bundle};
use desk::views::{check_views, doctor_text};

use crate::args::Cli;
use crate::output::Printer;
use crate::setup;

pub async fn run(cli: &Cli, printer: &Printer, bundle_to: Option<&Path>) -> u8 {
    let data_dir = setup::data_dir(cli);
    let from_environment = std::env::var("CAJA_TOKEN").ok();
    let outcomes = match desk::Workstation::open(&data_dir, &setup::overrides(cli)).await {
        Ok(ws) => {
            let outcomes = doctor::examine(
                &ws,
                from_environment.as_deref(),
                &desk::backups::facts(&ws.settings),
            )
            .await;
            ws.close().await;
            outcomes
        }
        Err(error) => doctor::unopened(&data_dir, error),
    };
    let views = check_views(printer.lang, &outcomes);
    let json = serde_json::to_string_pretty(&views).unwrap_or_else(|_| "[]".to_owned());
    let text = doctor_text(printer.lang, &views);
    if printer.json {
        println!("{json}");
    } else {
        print!("{text}");
    }
    if let Some(path) = bundle_to {
        let folder = data_dir.clone();
        let given = from_environment.clone();
        let secrets = till::blocking::run(move || {
            Ok::<_, till::error::TillError>(bundle::known_secrets(&folder, given.as_deref()))
        })
        .await
        .unwrap_or_default();
        let input = bundle::BundleInput {
            data_dir: &data_dir,
            report_json: json,
            report_text: text,
            version: format!("caja {}", env!("CARGO_PKG_VERSION")),
            secrets,
        };
        match bundle::write(path, &input) {
            Ok(names) => {
                tracing::info!(files = names.len(), "support bundle written");
                if !printer.json {
                    println!(
                        "{}",
                        desk::wording::doctor::bundle_written(printer.lang, path, names.len())
                    );
                }
            }
            Err(error) => {
                eprintln!(
                    "{}",
                    desk::wording::doctor::bundle_failed(printer.lang, path, &error.to_string())
                );
                return 2;
            }
        }
    }
    doctor::exit_code(&outcomes)
}

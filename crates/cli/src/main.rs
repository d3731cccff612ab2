//! `caja`: every till operation from a terminal, for the store's IT and for scripts.
//!
//! Exit codes: 0 done; 2 bad input, nothing sent; 3 the provider refused; 4 outcome not known or
//! provider unreachable (the journal keeps the operation as `unknown`); 1 anything else. `caja doctor`
//! has its own: 0 every check ok, 1 warnings, 2 failures.

mod aplazame;
mod args;
mod backup;
mod central;
mod commands;
mod doctor;
mod history;
mod orders;
mod output;
mod sandbox_customer;
mod session;
mod settings;
mod setup;
mod shift;
mod staff;
mod summary;
mod token;
mod vouchers;

use std::process::ExitCode;

use clap::Parser;

use crate::args::Cli;
use crate::output::Printer;

fn main() -> ExitCode {
    let cli = Cli::parse();
    setup::init_logging(&cli);
    let lang = match cli.lang {
        Some(lang) => setup::lang(lang),
        None => desk::Settings::load(&setup::data_dir(&cli))
            .map(|saved| saved.lang)
            .unwrap_or_default(),
    };
    let printer = Printer::new(cli.json, lang);
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("caja: cannot start the async runtime: {error}");
            return ExitCode::from(1);
        }
    };
    let code = runtime.block_on(commands::run(cli, &printer));
    ExitCode::from(code)
}

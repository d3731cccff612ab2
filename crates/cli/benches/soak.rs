//! The soak at full size: `cargo bench -p cli --bench soak`. Reads `SOAK_N`, `SOAK_M`, `SOAK_F`,
//! `SOAK_KILLS` (defaults 1000, 200, 0.2, 50; also `SOAK_CONCURRENCY`, `SOAK_SEED`,
//! `SOAK_KILL_WINDOW_MS`, `SOAK_PREPARE` and `SOAK_KEEP_DIR` to keep the data folder; see
//! `SoakConfig::from_env`), prints the figures, and exits 1 when the goal (0 lost,
//! 0 doubled, 0 disagreeing, outbox drained) is not met. Under `cargo test --all-targets` (no
//! `--bench` argument) it only says how to run it: the CI-sized soak is `tests/soak.rs`.

#[path = "../tests/soak_support/mod.rs"]
mod soak_support;

use std::process::ExitCode;

fn main() -> ExitCode {
    if !std::env::args().any(|arg| arg == "--bench") {
        println!("soak bench: skipped outside `cargo bench -p cli --bench soak`");
        return ExitCode::SUCCESS;
    }
    let config = match soak_support::SoakConfig::from_env() {
        Ok(config) => config,
        Err(error) => {
            eprintln!("soak bench: {error}");
            return ExitCode::from(2);
        }
    };
    let report = soak_support::run(&config);
    println!("{report}");
    if report.goal_met() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

//! The `caja-desktop` binary: the cashier's window.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() -> std::process::ExitCode {
    caja_desktop::run()
}

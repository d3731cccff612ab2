//! The commands the UI may call. Shared by `build.rs` (which generates one permission per command) and
//! the capability test (which checks the window is granted exactly these).

pub const COMMANDS: &[&str] = &[
    "app_info",
    "check_financing",
    "pay",
    "undo_billing",
    "day_summary",
    "print_day_summary",
    "history",
    "save_settings",
    "save_token",
];

//! The WebDriver key codes the tests press (what a cashier types besides letters and digits), kept apart
//! from the harness in `support` (which re-exports them) so that file stays readable in one sitting.

/// WebDriver's Enter key.
pub const ENTER: &str = "\u{E007}";
/// WebDriver's Escape key.
pub const ESCAPE: &str = "\u{E00C}";
/// WebDriver's F1 (Cobro), F6 (Turno) and F8 (the last receipt again).
pub const F1: &str = "\u{E031}";
pub const F6: &str = "\u{E036}";
pub const F8: &str = "\u{E038}";

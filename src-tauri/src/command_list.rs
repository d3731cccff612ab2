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
    "pending_operations",
    "save_settings",
    "save_token",
    "create_first_supervisor",
    "sign_in",
    "sign_out",
    "people",
    "add_person",
    "set_person_active",
    "audit_verify",
    "audit_export",
];

#[cfg(test)]
mod tests {
    use super::COMMANDS;

    /// The window's capability grants exactly one `allow-…` per command: a command added without its
    /// permission would be refused at run time, and a permission without a command is dead weight.
    #[test]
    fn the_capability_grants_exactly_the_commands() {
        let capability: serde_json::Value =
            serde_json::from_str(include_str!("../capabilities/default.json")).unwrap();
        let mut granted: Vec<String> = capability["permissions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|permission| permission.as_str().unwrap().to_owned())
            .collect();
        let mut expected: Vec<String> = COMMANDS
            .iter()
            .map(|command| format!("allow-{}", command.replace('_', "-")))
            .collect();
        granted.sort();
        expected.sort();
        assert_eq!(granted, expected);
        assert_eq!(capability["windows"], serde_json::json!(["main"]));
    }

    #[test]
    fn the_csp_allows_nothing_remote() {
        let config: serde_json::Value =
            serde_json::from_str(include_str!("../tauri.conf.json")).unwrap();
        let csp = &config["app"]["security"]["csp"];
        assert_eq!(csp["default-src"], "'self'");
        assert_eq!(csp["script-src"], "'self'");
        for (directive, sources) in csp.as_object().unwrap() {
            let sources = sources.as_str().unwrap();
            assert!(
                !sources.contains("http://") || sources == "ipc: http://ipc.localhost",
                "{directive} allows a remote origin: {sources}"
            );
            assert!(!sources.contains("unsafe"), "{directive}: {sources}");
        }
    }
}

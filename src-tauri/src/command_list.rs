//! The commands the UI may call, and the window's capability derived from them. Shared by `build.rs`
//! (which generates one permission per command and writes `capabilities/default.json`) and the tests
//! (which check the committed capability grants exactly these, in this order).

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
    "note_activity",
    "people",
    "add_person",
    "set_person_active",
    "audit_verify",
    "audit_export",
    "doctor",
    "denominations",
    "shift",
    "open_shift",
    "move_cash",
    "x_report",
    "count_closing",
    "close_shift",
    "z_report",
    "z_reports",
    "print_receipt",
    "order_limits",
    "order_add_on",
    "create_order",
    "follow_orders",
    "credit_order",
    "credit_orders",
    "confirm_order",
    "cancel_order",
    "refund_order",
    "print_order_qr",
    "central_status",
    "enroll_central",
    "push_central",
    "voucher_form",
    "host_receipt",
    "start_phone_upload",
    "phone_upload_status",
    "register_voucher",
    "voucher",
    "vouchers",
    "cancel_voucher",
    "resolve_voucher",
    "decide_voucher",
    "aplazame_total",
    "create_checkout",
    "checkout",
    "checkouts",
    "confirm_checkout",
    "reject_checkout",
    "resolve_checkout",
    "update_status",
    "check_update",
    "install_update",
    "postpone_update",
    "backups",
    "backup_notice",
    "save_backup_settings",
    "backup_now",
];

/// The text of `capabilities/default.json`: the main window may call each command and nothing else.
/// Written by hand rather than through a JSON library so the build script needs no dependency; command
/// names are plain identifiers (a test checks), so nothing needs escaping.
#[cfg_attr(
    not(test),
    allow(dead_code, reason = "used by build.rs, which includes this file")
)]
pub fn capability_json() -> String {
    let permissions: Vec<String> = COMMANDS
        .iter()
        .map(|command| format!("    \"allow-{}\"", command.replace('_', "-")))
        .collect();
    format!(
        "{{\n  \"$schema\": \"../gen/schemas/desktop-schema.json\",\n  \"identifier\": \"main-window\",\n  \
         \"description\": \"The cashier's window may call Caja's own commands and nothing else.\",\n  \
         \"windows\": [\"main\"],\n  \"permissions\": [\n{}\n  ]\n}}\n",
        permissions.join(",\n")
    )
}

#[cfg(test)]
mod tests {
    use super::{COMMANDS, capability_json};

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

    /// The committed file is exactly what the build writes, so a fresh clone builds without touching it.
    #[test]
    fn the_committed_capability_is_the_generated_one() {
        for command in COMMANDS {
            assert!(
                !command.is_empty() && command.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'),
                "{command}: command names must be lowercase identifiers"
            );
        }
        let generated: serde_json::Value = serde_json::from_str(&capability_json()).unwrap();
        assert_eq!(generated["identifier"], "main-window");
        assert_eq!(
            generated["permissions"][0],
            format!("allow-{}", COMMANDS[0].replace('_', "-"))
        );
        assert_eq!(
            include_str!("../capabilities/default.json"),
            capability_json(),
            "run `cargo build -p caja-desktop` to regenerate capabilities/default.json"
        );
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

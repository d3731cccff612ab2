//! `caja` run by a user who may read the till's data folder but not write it (a cashier's account on a
//! folder set up by IT as another user): it says which file and what to do, exits 1, writes nothing and
//! sends nothing. As root, the command runs as `nobody` through `setpriv`, since root writes anywhere.

use std::path::Path;
use std::process::{Command, Output, Stdio};

const CAJA: &str = env!("CARGO_BIN_EXE_caja");

fn caja(data_dir: &Path, as_nobody: bool, args: &[&str]) -> Output {
    let mut command = if as_nobody {
        let mut command = Command::new("setpriv");
        command.args(["--reuid=65534", "--regid=65534", "--clear-groups", CAJA]);
        command
    } else {
        Command::new(CAJA)
    };
    command
        .args(args)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("HOME", data_dir)
        .env("CAJA_DATA_DIR", data_dir)
        .stdin(Stdio::null())
        .output()
        .expect("caja runs")
}

fn running_as_root() -> bool {
    // The data folder we create is ours; its owner tells who we are without unsafe code.
    let probe = tempfile::tempdir().unwrap();
    std::os::unix::fs::MetadataExt::uid(&std::fs::metadata(probe.path()).unwrap()) == 0
}

fn make_read_only(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    for file in files_in(path) {
        std::fs::set_permissions(file, std::fs::Permissions::from_mode(0o444)).unwrap();
    }
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o555)).unwrap();
}

fn make_writable(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap();
    for file in files_in(path) {
        std::fs::set_permissions(file, std::fs::Permissions::from_mode(0o644)).unwrap();
    }
}

/// The files directly in the data folder (the private `secrets/` folder keeps its own modes).
fn files_in(path: &Path) -> Vec<std::path::PathBuf> {
    std::fs::read_dir(path)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.is_file())
        .collect()
}

fn snapshot(path: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<_> = files_in(path)
        .into_iter()
        .map(|file| {
            let name = file.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(file).unwrap())
        })
        .collect();
    files.sort();
    files
}

#[test]
fn a_data_folder_that_cannot_be_written_is_named_and_nothing_is_sent() {
    let as_nobody = running_as_root();
    let folder = tempfile::tempdir().unwrap();
    // The public parent must let `nobody` reach the data folder.
    let data_dir = folder.path().join("caja");
    std::fs::create_dir(&data_dir).unwrap();
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(folder.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    // A till that has worked before: its database and the sandbox's state exist.
    let check = caja(
        &data_dir,
        false,
        &["check", "--dni", "14159265", "--funding-code", "1234567"],
    );
    assert!(check.status.success(), "{check:?}");
    // Payments need an open shift: the failure below must be the folder's, not the missing shift's.
    let open = caja(
        &data_dir,
        false,
        &["shift", "open", "--count", "100=2,10=5"],
    );
    assert!(open.status.success(), "{open:?}");
    make_read_only(&data_dir);
    let before = snapshot(&data_dir);

    let pay = caja(
        &data_dir,
        as_nobody,
        &[
            "--json",
            "pay",
            "--dni",
            "14159265",
            "--funding-code",
            "1234567",
            "--tender",
            "efectivo",
        ],
    );
    make_writable(&data_dir);
    let stdout = String::from_utf8_lossy(&pay.stdout);
    let answer: serde_json::Value = serde_json::from_str(stdout.trim())
        .unwrap_or_else(|error| panic!("one JSON object ({error}): {stdout} {pay:?}"));
    assert_eq!(pay.status.code(), Some(1), "{answer}");
    assert_eq!(answer["error"]["code"], "database_read_only", "{answer}");
    let message = answer["error"]["message"].as_str().unwrap();
    assert!(message.contains("no se puede escribir"), "{message}");
    assert!(
        message.contains("caja.sqlite3"),
        "names the file: {message}"
    );
    assert_eq!(snapshot(&data_dir), before, "nothing was written");

    // Back in a writable folder, the code is still pending at the provider: nothing was sent.
    let (status, look) = {
        let output = caja(
            &data_dir,
            false,
            &[
                "--json",
                "check",
                "--dni",
                "14159265",
                "--funding-code",
                "1234567",
            ],
        );
        let value: serde_json::Value =
            serde_json::from_str(String::from_utf8_lossy(&output.stdout).trim()).unwrap();
        (output.status.code(), value)
    };
    assert_eq!(status, Some(0), "{look}");
    assert_eq!(look["downpayment_status"], "PENDING", "{look}");
}

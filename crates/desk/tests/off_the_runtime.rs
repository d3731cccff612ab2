//! Issue 8, point 5 in the till: work that blocks (a commit waiting for the database's write lock or
//! the disk, a supervisor's PIN checked with argon2) runs on blocking threads, never on the async
//! runtime. The strictest case is a runtime with a single thread, which the embedded sandbox shares: if
//! the till blocked it, nothing else could answer. Here another process holds the write lock for
//! seconds, and while a pay (or an approved undo) waits for it, the sandbox keeps answering at once.

use std::path::Path;
use std::sync::mpsc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use providers::apurata::downpayment::{DownpaymentApi, Flavor, MOCK_TOKEN};
use sandbox::{SandboxConfig, demo};
use till::identity::parse_dni;
use till::{ApiToken, Approval, FundingCode, HttpSettings, Mode, Till, TillConfig};

const HELD_FOR: Duration = Duration::from_secs(3);
const ANSWER_WITHIN: Duration = Duration::from_millis(1500);

/// Another program (a backup tool, another till process in a long commit) takes the database's write
/// lock and keeps it for `HELD_FOR`; returns once the lock is held.
fn hold_the_write_lock(data_dir: &Path) -> JoinHandle<()> {
    let path = data_dir.join(till::DATABASE_FILE);
    let (held, is_held) = mpsc::channel();
    let holder = std::thread::spawn(move || {
        let connection = rusqlite::Connection::open(path).unwrap();
        connection.execute_batch("BEGIN IMMEDIATE").unwrap();
        held.send(()).unwrap();
        std::thread::sleep(HELD_FOR);
        connection.execute_batch("COMMIT").unwrap();
    });
    is_held.recv().unwrap();
    holder
}

async fn till_and_provider(dir: &Path) -> (Till, sandbox::RunningSandbox, DownpaymentApi) {
    // Started on the test's own single-threaded runtime, as the desktop embeds it in its runtime.
    let provider = sandbox::start(SandboxConfig::default()).await.unwrap();
    let till = Till::open(TillConfig {
        data_dir: dir.to_owned(),
        mode: Mode::Sandbox,
        api_url: provider.url().to_owned(),
        token: ApiToken::new(MOCK_TOKEN),
        http: HttpSettings::default(),
    })
    .unwrap();
    let root = providers::ProviderRoot::parse(provider.url(), providers::PlainHttp::LoopbackOnly)
        .expect("the sandbox's URL");
    let someone_else = DownpaymentApi::new(
        &root,
        Flavor::V2,
        ApiToken::new(MOCK_TOKEN),
        HttpSettings::default(),
    )
    .unwrap();
    (till, provider, someone_else)
}

#[tokio::test(flavor = "current_thread")]
async fn a_pay_waiting_for_the_database_leaves_the_runtime_free() {
    let dir = tempfile::tempdir().unwrap();
    let (till, provider, someone_else) = till_and_provider(dir.path()).await;
    let customer = parse_dni(demo::DOCS_PAIR.dni).unwrap();
    let code = demo::DOCS_PAIR.funding_code;
    let funding_code: FundingCode = code.parse().unwrap();

    desk::test_support::open_shift(&till).await;
    let holder = hold_the_write_lock(dir.path());
    let asked = Instant::now();
    let (paid, answered_in) = tokio::join!(
        till.pay(&customer, &funding_code, till::Payment::cash(None)),
        async {
            someone_else.info(&customer, &funding_code).await.unwrap();
            asked.elapsed()
        }
    );
    holder.join().unwrap();
    assert!(
        answered_in < ANSWER_WITHIN,
        "the sandbox answered after {answered_in:?}: the pay held the runtime while it waited"
    );
    paid.expect("the pay goes through once the lock is released");
    assert!(provider.state().financing(code).unwrap().billed);
}

#[tokio::test(flavor = "current_thread")]
async fn an_approved_undo_waiting_for_the_database_leaves_the_runtime_free() {
    let dir = tempfile::tempdir().unwrap();
    let (till, provider, someone_else) = till_and_provider(dir.path()).await;
    let customer = parse_dni(demo::DOCS_PAIR.dni).unwrap();
    let code = demo::DOCS_PAIR.funding_code;
    let funding_code: FundingCode = code.parse().unwrap();
    till.staff()
        .create_first_supervisor("Rosa Quispe", "2468")
        .unwrap();
    desk::test_support::open_shift(&till).await;
    till.pay(&customer, &funding_code, till::Payment::cash(None))
        .await
        .unwrap();
    let approval = Approval {
        supervisor: "Rosa Quispe".to_owned(),
        pin: "2468".to_owned(),
        reason: "El cliente cambió de color".to_owned(),
    };

    // The supervisor's PIN is checked (argon2) and counted in one write transaction: it waits too.
    let holder = hold_the_write_lock(dir.path());
    let asked = Instant::now();
    let (undone, answered_in) = tokio::join!(
        till.undo(&customer, &funding_code, Some(&approval)),
        async {
            someone_else.info(&customer, &funding_code).await.unwrap();
            asked.elapsed()
        }
    );
    holder.join().unwrap();
    assert!(
        answered_in < ANSWER_WITHIN,
        "the sandbox answered after {answered_in:?}: the undo held the runtime while it waited"
    );
    let undone = undone.expect("the undo goes through once the lock is released");
    assert_eq!(undone.approver.as_deref(), Some("Rosa Quispe"));
    assert!(!provider.state().financing(code).unwrap().billed);
}

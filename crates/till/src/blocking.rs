//! Work that holds a thread while it waits (argon2 on a PIN, D-Bus to the secret store, an SQLite commit
//! that waits for the disk with `synchronous=FULL` or for another process's write lock, a child process
//! such as `lp`) runs on tokio's blocking threads, never on the async runtime's workers: one slow
//! printer, keyring or disk must not stop the window, the embedded sandbox or the outbox from answering.

use rusqlite::Connection;

use crate::operations::{Till, lock};
use crate::staff::Staff;

/// Runs `work` on a blocking thread and waits for it without holding the async worker. A panic in
/// `work` is raised again here, as if it had run inline.
pub async fn run<T, F>(work: F) -> T
where
    F: FnOnce() -> T + Send + 'static,
    T: Send + 'static,
{
    match tokio::task::spawn_blocking(work).await {
        Ok(value) => value,
        Err(error) => match error.try_into_panic() {
            Ok(panic) => std::panic::resume_unwind(panic),
            // Blocking work is cancelled only while the runtime shuts down, and then nobody is left
            // waiting for this answer.
            Err(error) => panic!("blocking work cancelled by the runtime's shutdown: {error}"),
        },
    }
}

impl Till {
    /// Runs `work` on the till's connection on a blocking thread.
    pub(crate) async fn in_db<T: Send + 'static>(
        &self,
        work: impl FnOnce(&mut Connection) -> T + Send + 'static,
    ) -> T {
        let connection = self.connection.clone();
        run(move || work(&mut lock(&connection))).await
    }

    /// Runs `work` on who is at the till on a blocking thread (PIN checks, session checks).
    pub(crate) async fn on_staff<T: Send + 'static>(
        &self,
        work: impl FnOnce(&Staff) -> T + Send + 'static,
    ) -> T {
        let staff = self.staff.clone();
        run(move || work(&staff)).await
    }
}

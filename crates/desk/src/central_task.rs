//! The desktop's Caja Central task, started once the `Desk` is open (src-tauri spawns [`run`]): while the till is enrolled it
//! keeps a relay long poll open (`desk::central::relay_once`, [`RELAY_WAIT`] seconds at a time), so a
//! provider's webhook reaches the till within a second, and pushes when due (`push_when_due`, rate
//! limited across its callers, so the Cobro screen's pending-operations pass, which pushes too, and this
//! task never double a push). A failure backs off from [`FIRST_BACK_OFF`] to [`LAST_BACK_OFF`]; nothing
//! here panics, nothing here is ever in a cashier's way.
//!
//! The long poll runs on the open workstation, that is under `Desk`'s read lock. Saving Ajustes, saving
//! the token and closing the app need the write lock: they [`CentralTask::hold`] the task first, which
//! drops the poll at once and starts no other until they are done, so none of them waits for Central.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use tokio::sync::Notify;

use crate::Desk;
use crate::central::{self, CentralFailure};

/// Seconds one long poll waits for an event (Central answers at once when one is there).
pub const RELAY_WAIT: u64 = 25;
pub const FIRST_BACK_OFF: Duration = Duration::from_secs(5);
pub const LAST_BACK_OFF: Duration = Duration::from_secs(60);
/// How often a till that is not enrolled looks again (enrolling from Ajustes wakes it at once).
const NOT_ENROLLED_LOOK: Duration = Duration::from_secs(30);
/// The shortest turn: a Central that answers a long poll at once with nothing is not asked in a loop.
const SHORTEST_TURN: Duration = Duration::from_secs(1);

/// The task's controls, held by the front beside the `Desk`: holds, a wake-up, the stop at exit.
#[derive(Default)]
pub struct CentralTask {
    holds: AtomicUsize,
    stopped: AtomicBool,
    changed: Notify,
}

/// While alive, the task keeps off the workstation (see the module's doc).
pub struct Hold<'a>(&'a CentralTask);

impl Drop for Hold<'_> {
    fn drop(&mut self) {
        self.0.holds.fetch_sub(1, Ordering::SeqCst);
        self.0.changed.notify_waiters();
    }
}

impl CentralTask {
    /// Drops the poll in flight and starts none until the hold is dropped.
    pub fn hold(&self) -> Hold<'_> {
        self.holds.fetch_add(1, Ordering::SeqCst);
        self.changed.notify_waiters();
        Hold(self)
    }

    /// Something changed (the till was just enrolled): look again now.
    pub fn wake(&self) {
        self.changed.notify_waiters();
    }

    /// The app is exiting: the task ends and leaves the workstation.
    pub fn stop(&self) {
        self.stopped.store(true, Ordering::SeqCst);
        self.changed.notify_waiters();
    }

    fn held(&self) -> bool {
        self.holds.load(Ordering::SeqCst) > 0
    }
}

/// What one turn of the loop came to.
enum Turn {
    /// Relayed (events or none) and pushed when due: poll again at once.
    Relayed,
    NotEnrolled,
    Failed(String),
    /// A hold or a wake-up interrupted the turn.
    Interrupted,
}

/// The task's loop, until [`CentralTask::stop`].
pub async fn run(desk: &Desk, task: &CentralTask) {
    let mut back_off = FIRST_BACK_OFF;
    while !task.stopped.load(Ordering::SeqCst) {
        let changed = task.changed.notified();
        tokio::pin!(changed);
        // Registered before the checks below, so a hold or a wake-up between them is not missed.
        changed.as_mut().enable();
        if task.stopped.load(Ordering::SeqCst) {
            break;
        }
        if task.held() {
            changed.await;
            continue;
        }
        let started = Instant::now();
        let turn = tokio::select! {
            turn = one_turn(desk) => turn,
            () = &mut changed => Turn::Interrupted,
        };
        let pause = match turn {
            Turn::Relayed => {
                back_off = FIRST_BACK_OFF;
                match SHORTEST_TURN.checked_sub(started.elapsed()) {
                    Some(rest) => rest,
                    None => continue,
                }
            }
            Turn::Interrupted => continue,
            Turn::NotEnrolled => {
                back_off = FIRST_BACK_OFF;
                NOT_ENROLLED_LOOK
            }
            Turn::Failed(code) => {
                let pause = back_off;
                tracing::info!(%code, ?pause, "Caja Central relay failed; the till keeps working");
                back_off = (back_off * 2).min(LAST_BACK_OFF);
                pause
            }
        };
        let changed = task.changed.notified();
        tokio::select! {
            () = tokio::time::sleep(pause) => {}
            () = changed => {}
        }
    }
    tracing::debug!("the Caja Central task ended");
}

/// One long poll, then the push when due, on the workstation open now.
async fn one_turn(desk: &Desk) -> Turn {
    let relayed = desk
        .with(async |ws| {
            let relayed = central::relay_once(&ws.till, &ws.data_dir, RELAY_WAIT).await;
            if relayed.is_ok()
                && let Some(Err(error)) = central::push_when_due(&ws.till, &ws.data_dir).await
            {
                tracing::info!(
                    code = error.code(),
                    "Caja Central push not made in this turn"
                );
            }
            Ok::<_, CentralFailure>(relayed)
        })
        .await;
    match relayed {
        Ok(Ok(report)) => {
            if !report.handled.is_empty() {
                tracing::info!(events = report.handled.len(), "Caja Central relayed events");
            }
            match report.kept {
                // Backs off before the kept event is handed over again.
                Some(kept) => Turn::Failed(kept.code),
                None => Turn::Relayed,
            }
        }
        Ok(Err(CentralFailure::NotEnrolled)) => Turn::NotEnrolled,
        Ok(Err(error)) => Turn::Failed(error.code().to_owned()),
        // The till is not open (a setting to fix in Ajustes): the same back-off.
        Err(error) => Turn::Failed(error.code),
    }
}

//! Whether the till is in the middle of something that a restore or an update must not cut: an
//! operation sent and not settled (the journal's pending or unknown payments and undos, the orders'
//! journal, transfers and Aplazame checkouts still sending or unknown), or a shift still open.

use rusqlite::{Connection, OptionalExtension};

use crate::Till;
use crate::error::TillError;

/// What is in flight now; nothing when [`InFlight::is_quiet`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InFlight {
    /// Ids of the operations not settled, of whichever journal.
    pub operations: Vec<i64>,
    pub open_shift: Option<i64>,
}

impl InFlight {
    pub fn is_quiet(&self) -> bool {
        self.operations.is_empty() && self.open_shift.is_none()
    }
}

/// Reads it from the till's database.
pub fn in_flight(connection: &Connection) -> Result<InFlight, rusqlite::Error> {
    let operations = connection
        .prepare(
            "SELECT id FROM journal WHERE kind != 'check' AND state IN ('pending', 'unknown') \
             UNION ALL SELECT id FROM order_operation WHERE state IN ('pending', 'unknown') \
             UNION ALL SELECT id FROM voucher WHERE state IN ('sending', 'unknown') \
             UNION ALL SELECT id FROM aplazame_checkout WHERE state IN ('sending', 'unknown')",
        )?
        .query_map([], |row| row.get(0))?
        .collect::<Result<Vec<i64>, _>>()?;
    let open_shift = connection
        .query_row(
            "SELECT id FROM shift WHERE state = 'open' ORDER BY id LIMIT 1",
            [],
            |row| row.get(0),
        )
        .optional()?;
    Ok(InFlight {
        operations,
        open_shift,
    })
}

impl Till {
    /// [`in_flight`] of this till, in any mode.
    pub async fn in_flight(&self) -> Result<InFlight, TillError> {
        self.in_db(|db| in_flight(db).map_err(TillError::storage("read the journal")))
            .await
    }
}

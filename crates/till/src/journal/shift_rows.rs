//! Which shift a journal row belongs to: the shift open when it was written, and a shift's rows.

use super::{COLUMNS, JournalEntry, read_row};
use crate::error::TillError;
use crate::mode::Mode;

/// The id of the shift open in `mode`: the shift a new row belongs to.
pub(crate) fn open_shift_id(
    connection: &rusqlite::Connection,
    mode: Mode,
) -> Result<Option<i64>, TillError> {
    use rusqlite::OptionalExtension;
    connection
        .query_row(
            "SELECT id FROM shift WHERE mode = ?1 AND state = 'open'",
            [mode.as_str()],
            |row| row.get(0),
        )
        .optional()
        .map_err(TillError::storage("read the shift"))
}

/// The journal rows of one shift, oldest first.
pub(crate) fn of_shift(
    connection: &rusqlite::Connection,
    shift_id: i64,
) -> Result<Vec<JournalEntry>, TillError> {
    let sql = format!("SELECT {COLUMNS} FROM journal WHERE shift_id = ?1 ORDER BY id");
    let mut statement = connection
        .prepare_cached(&sql)
        .map_err(TillError::storage("read the journal"))?;
    let rows = statement
        .query_map([shift_id], read_row)
        .map_err(TillError::storage("read the journal"))?;
    rows.collect::<Result<Vec<_>, _>>()
        .map_err(TillError::storage("read the journal"))
}

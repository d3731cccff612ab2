//! Reading a row's text columns back into the till's types: a value that does not parse is a
//! conversion failure naming its column and the text found, never a default, so a row edited behind
//! Caja's back is refused where it is read. Shared by every table's row mapping.

use std::str::FromStr;

/// The text of column `index` as a `T`.
pub(crate) fn parsed<T: FromStr>(index: usize, text: &str) -> rusqlite::Result<T> {
    text.parse().map_err(|_| unreadable(index, text))
}

/// The refusal of `text` in column `index`.
pub(crate) fn unreadable(index: usize, text: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        index,
        rusqlite::types::Type::Text,
        format!("unreadable value «{text}»").into(),
    )
}

/// A nullable text column as an optional `T`.
pub(crate) fn optional<T: FromStr>(
    index: usize,
    text: Option<String>,
) -> rusqlite::Result<Option<T>> {
    text.map(|text| parsed(index, &text)).transpose()
}

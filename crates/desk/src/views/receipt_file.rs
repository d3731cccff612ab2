//! The receipt file as the desktop's window hands it over (the request's raw bytes): bounded before
//! anything reads it, then put at its public address like any receipt ([`host_receipt`]).

use super::voucher_receipt::{HostedReceiptView, host_receipt};
use crate::central::CentralFailure;
use crate::workstation::Workstation;
use till::error::{TillError, VoucherError};

/// A phone's screenshot or a bank's PDF is a few MB; Central and the simulator keep 10 MB at most. The
/// window sends at most one byte more, so a larger file is refused without being read whole.
pub const RECEIPT_MAX_BYTES: usize = 10 * 1024 * 1024;

/// Puts the receipt file the window sent at a public address, refused past [`RECEIPT_MAX_BYTES`].
pub async fn host_receipt_file(
    ws: &Workstation,
    bytes: &[u8],
) -> Result<HostedReceiptView, CentralFailure> {
    if bytes.len() > RECEIPT_MAX_BYTES {
        return Err(TillError::from(VoucherError::InvalidField {
            field: "receipt_size",
            value: format!("{} bytes", bytes.len()),
        })
        .into());
    }
    host_receipt(ws, bytes.to_vec()).await
}

//! What tests of the fronts share to set a till up (only with the `test-support` feature): a shift
//! open with an empty float, as a cashier opens one before the first payment.

use till::{CashCount, Till};

/// Opens a shift with an empty float, unless one is open already (a test that reopens its till).
pub async fn open_shift(till: &Till) {
    match till.open_shift(CashCount::default()).await {
        Ok(_) => {}
        Err(error) if error.code() == "shift_already_open" => {}
        Err(error) => panic!("could not open a shift: {error}"),
    }
}

//! The `caja` command's own words, in Spanish and English: what a command did and the next step to
//! type, the tables it prints (the journal, the day, the people), and its prompts for PINs and the
//! token. The facts reach these functions as they are (a check's result, journal entries, a count, a
//! path); the CLI only picks the message and prints it, or prints its JSON, which has no words. The
//! till's errors are worded by [`super::till_error`], as for every front.
//!
//! Spaces and line breaks are part of these texts: scripts and people read the columns, so the layout
//! is kept exactly as the CLI has always printed it.

mod aplazame;
pub mod backup;
mod journal;
mod operations;
mod orders;
mod reconciliation;
mod shift;
mod staff;
mod token;
mod vouchers;

pub use aplazame::{
    CheckoutFacts, aplazame_key_saved, aplazame_settings_shown, checkout, checkout_flag_missing,
    checkout_resolution_missing, checkouts, paste_aplazame_key, rejection_reason_missing,
    relay_kept,
};
pub use journal::{day_summary, file_not_written, journal, sync};
pub use operations::{
    check, error_prefix, operation_confirmed, sandbox_listening, still_unresolved,
};
pub use orders::{
    LimitsFacts, OrderFacts, RefundFacts, add_on, flag_missing, order, order_canceled,
    order_confirmed, order_created, order_limits, order_refunded, order_settings_shown, orders,
    orders_sync, wait_ended,
};
pub use reconciliation::{
    DifferenceFacts, ProviderFacts, cash_breakdown, closing_needs, difference_line,
    differences_heading, expected_hidden, provider_side, tender_row, tenders_heading, x_heading,
};
pub use shift::{
    count_file_unreadable, count_missing, count_saved, movement_line, movement_recorded,
    movements_heading, no_shift, paid_with, pieces, shift_closed, shift_figures, shift_heading,
    shift_opened, tender_missing, unknown_heading, unknown_line, z_approved, z_heading, z_list,
    z_papers, z_papers_failed,
};
pub use staff::{
    approver_missing, audit_altered, audit_exported, audit_intact, first_person_not_supervisor,
    new_pin_prompt, people, person_added, person_disabled, person_enabled, pin_again, pin_prompt,
    settings_saved, settings_shown, shift_settings_shown,
};
pub use token::{
    no_token, no_token_given, paste_token, token_from_env, token_kept, token_removed, token_saved,
};
pub use vouchers::{
    VoucherFacts, bank_accounts_shown, decision_missing, receipt_unreadable, register_lost,
    resolution_missing, sale_half_given, voucher, voucher_canceled, voucher_decided,
    voucher_registered, voucher_resolved, voucher_wait_ended, vouchers, vouchers_waiting,
};

// The UI's words and how a screen asks for one. The words themselves are in Rust, next to the CLI's and
// the PDF's (crates/desk/src/wording/screens/), and reach the UI as the generated `./words.ts`: change
// them there, never here. Keys are typed: a misspelt key in a component fails `npm run check`, and so
// does a key `es` has and `en` lacks. Placeholders are `{name}`, filled by `translate`. Messages that
// come from the bridge (`BridgeError.message`, `kindLabel`, `stateLabel`, `originLabel`) are already in
// the app's language and are not repeated here.
import type { ErrorCode, Lang } from "./api";
import { en, es } from "./words";

export type MessageKey = keyof typeof es;
type Table = Record<MessageKey, string>;

const tables: Record<Lang, Table> = { es, en };

export type Params = Record<string, string | number>;

/** The text of `key` in `lang`, with each `{name}` replaced by `params[name]`. */
export function translate(lang: Lang, key: MessageKey, params?: Params): string {
  const text = tables[lang][key];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

/** The title of each bridge error code: every code must be given one ("error.generic" where the
 *  message says it all), so a code added on the Rust side fails the type check until it has one. */
const errorTitles: Record<ErrorCode, MessageKey> = {
  internal: "error.internal",
  invalid_input: "error.invalid_input",
  funding_code_not_found: "error.funding_code_not_found",
  not_billed_yet: "error.not_billed_yet",
  token_refused: "error.token_refused",
  provider_unreachable: "error.no_answer",
  provider_timeout: "error.no_answer",
  outcome_unknown: "error.no_answer",
  provider_field_error: "error.provider_field_error",
  provider_refused: "error.provider_refused",
  summary_unavailable: "error.summary_unavailable",
  missing_token: "error.missing_token",
  provider_not_offered: "error.provider_not_offered",
  storage: "error.storage",
  sign_in_required: "error.sign_in_required",
  session_idle: "error.session_idle",
  person_disabled: "error.person_disabled",
  wrong_pin: "error.wrong_pin",
  person_locked: "error.person_locked",
  person_unknown: "error.person_unknown",
  person_exists: "error.person_exists",
  last_supervisor: "error.last_supervisor",
  not_supervisor: "error.not_supervisor",
  approval_required: "error.approval_required",
  insecure_redirect: "error.insecure_redirect",
  too_many_redirects: "error.insecure_redirect",
  token_file_too_open: "error.token_file_too_open",
  database_locked: "error.database_locked",
  database_read_only: "error.database_read_only",
  database_damaged: "error.database_damaged",
  newer_database: "error.newer_database",
  io: "error.io",
  sandbox: "error.sandbox",
  print_failed: "error.print",
  ticket_escpos: "error.print",
  thermal_printer_failed: "error.print",
  thermal_printer_invalid: "error.generic",
  report_pdf: "error.report",
  report_io: "error.report",
  report_mode_mismatch: "error.report",
  secret_store: "error.secret_store",
  operation_open: "error.generic",
  first_supervisor_exists: "error.generic",
  settings_unconfirmed: "error.generic",
  pin: "error.generic",
  no_shift_open: "error.no_shift_open",
  shift_already_open: "error.shift_already_open",
  unknown_operations: "error.unknown_operations",
  not_counted: "error.not_counted",
  no_such_z_report: "error.no_such_z_report",
  orders_not_configured: "error.orders_not_configured",
  amount_outside_limits: "error.amount_outside_limits",
  limits_unavailable: "error.limits_unavailable",
  no_such_order: "error.generic",
  order_not_created: "error.generic",
  order_operation_open: "error.generic",
  order_refused: "error.order_refused",
  order_outcome_unknown: "error.order_outcome_unknown",
  order_not_refundable: "error.order_not_refundable",
  refund_above_left: "error.refund_above_left",
  order_id_taken: "error.generic",
  // Bank-transfer vouchers (aPagos): the message carries the words.
  vouchers_not_configured: "error.generic",
  no_such_voucher: "error.generic",
  unknown_bank_account: "error.invalid_input",
  invalid_voucher_field: "error.invalid_input",
  voucher_refused: "error.generic",
  voucher_outcome_unknown: "voucher.noAnswer",
  voucher_not_registered: "error.generic",
  voucher_not_unknown: "error.generic",
  voucher_not_ours: "error.invalid_input",
  voucher_status_changed: "error.generic",
  transfer_not_usable: "error.generic",
  voucher_no_decision_pending: "error.generic",
  // Aplazame's POS checkouts (Spain): the message carries the words.
  aplazame_not_configured: "error.generic",
  no_such_checkout: "error.generic",
  invalid_cart: "error.invalid_input",
  invalid_checkout_line: "error.invalid_input",
  invalid_checkout_field: "error.invalid_input",
  checkout_not_financed: "error.generic",
  checkout_refused: "error.generic",
  checkout_outcome_unknown: "error.no_answer",
  checkout_not_created: "error.generic",
  checkout_not_unknown: "error.generic",
  checkout_not_ours: "error.invalid_input",
  checkout_mismatch: "error.generic",
  checkout_no_decision_pending: "error.generic",
  checkout_already_decided: "error.generic",
  // Caja Central: Ajustes' section (enrolling, pushing now); the message says what went wrong.
  central_not_enrolled: "central.errorTitle",
  central_key_missing: "central.errorTitle",
  central_unreachable: "central.errorTitle",
  central_refused: "central.errorTitle",
  central_bad_answer: "central.errorTitle",
  central_url_invalid: "central.errorTitle",
  update_not_now: "updates.waitTitle",
  update_not_ready: "updates.title",
  // Backups: Ajustes' «Copias de respaldo»; the message says what to do.
  backup_folder_not_set: "backup.errorTitle",
  backup_folder_missing: "backup.errorTitle",
  backup_busy: "backup.errorTitle",
  backup_no_database: "backup.errorTitle",
  backup_failed_check: "backup.errorTitle",
};

export function errorTitleKey(code: ErrorCode): MessageKey {
  return errorTitles[code];
}

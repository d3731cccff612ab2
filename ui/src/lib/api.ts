// The bridge to the Rust side: one typed function per Tauri command. The shapes the commands take and
// return, and every error code, are generated from the Rust types into ./bindings.ts (never copied here
// by hand: a test on the Rust side fails when that file is stale); they are re-exported so the screens
// import everything about the bridge from this one module.
// Money always arrives as integer céntimos plus the store's text (`S/ 1,234.50`): the UI never does
// arithmetic on amounts, it shows `text` and compares `centimos`.
import { invoke, type InvokeArgs } from "@tauri-apps/api/core";
import {
  ERROR_CODES,
  type AppInfo,
  type Approval,
  type AuditView,
  type CartLineInput,
  type CentralStatusView,
  type CheckoutInput,
  type CheckoutView,
  type Country,
  type CheckView,
  type CountInput,
  type CreditOrderView,
  type DenominationView,
  type DoctorCheckView,
  type EntryView,
  type ErrorCode,
  type EurosView,
  type ErrorView,
  type ExportView,
  type HostedReceiptView,
  type MovementInput,
  type OperationState,
  type OperationView,
  type OrderInput,
  type OrderLimitsView,
  type OrderPaperView,
  type PaymentInput,
  type PersonView,
  type PhoneUploadStatusView,
  type PhoneUploadView,
  type PrintView,
  type ReceiptView,
  type ReconciliationView,
  type RefundInput,
  type Role,
  type SettingsInput,
  type ShiftView,
  type SummaryView,
  type UpdateView,
  type VoucherFormView,
  type VoucherInput,
  type VoucherView,
  type ZListItem,
  type ZView,
} from "./bindings";

export type {
  AppInfo,
  UpdateView,
  CartLineInput,
  CheckoutInput,
  CheckoutView,
  EurosView,
  Country,
  Approval,
  AuditView,
  CashBreakdownView,
  CentralPushView,
  CentralStatusView,
  CheckView,
  CountInput,
  CreditOrderView,
  Customer,
  DenominationView,
  DifferenceView,
  DoctorCheckView,
  Direction,
  DocumentKind,
  DownpaymentChannel,
  DownpaymentStatus,
  EntryView,
  ErrorCode,
  ExportView,
  HostedReceiptView,
  Lang,
  Mode,
  Money,
  MovementInput,
  MovementView,
  OperationKind,
  OperationState,
  OperationView,
  OrderAction,
  OrderCallView,
  OrderInput,
  OrderLimitsView,
  OrderPaperView,
  OrderView,
  Overridable,
  PaymentInput,
  PaymentOrigin,
  PersonView,
  PhoneUploadStatusView,
  PhoneUploadView,
  PiecesInput,
  PrintView,
  ProviderView,
  ReceiptView,
  ReconciliationView,
  RefundInput,
  Role,
  SettingsInput,
  ShiftView,
  SummaryView,
  Tender,
  TenderLineView,
  Tone,
  TransferValues,
  TransfersView,
  FinancingView,
  VoucherFormView,
  VoucherInput,
  VoucherView,
  ZListItem,
  ZView,
} from "./bindings";

/** Every command fails with this shape. `code` is stable; `message` is already in the app's language. */
export type BridgeError = ErrorView;

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === "string" && (ERROR_CODES as readonly string[]).includes(value);
}

/** An error a command answered with (anything else thrown, such as Tauri refusing the arguments, is
 *  bare text and becomes "internal" in `toBridgeError`). */
export function isBridgeError(value: unknown): value is BridgeError {
  return (
    typeof value === "object" &&
    value !== null &&
    "code" in value &&
    isErrorCode(value.code) &&
    "message" in value
  );
}

/** The backend closed the session (idle past the lock, the person turned off) or has none. */
const SESSION_ENDED = new Set<ErrorCode>(["session_idle", "person_disabled", "sign_in_required"]);
export const SESSION_ENDED_EVENT = "caja:session-ended";

/** A command; when the backend says the session is over, the frame is told (it goes to sign-in). */
export async function call<T>(command: string, args?: InvokeArgs): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (thrown) {
    if (isBridgeError(thrown) && SESSION_ENDED.has(thrown.code)) {
      window.dispatchEvent(new CustomEvent<BridgeError>(SESSION_ENDED_EVENT, { detail: thrown }));
    }
    throw thrown;
  }
}

export const api = {
  appInfo: () => call<AppInfo>("app_info"),
  check: (customer: string, fundingCode: string) =>
    call<CheckView>("check_financing", { customer, fundingCode }),
  pay: (customer: string, fundingCode: string, payment: PaymentInput) =>
    call<OperationView>("pay", { customer, fundingCode, payment }),
  /** A payment's receipt; `null` prints again the last one printed. */
  printReceipt: (journalId: number | null) => call<ReceiptView>("print_receipt", { journalId }),
  undoBilling: (customer: string, fundingCode: string, approval: Approval) =>
    call<OperationView>("undo_billing", { customer, fundingCode, approval }),
  daySummary: (day: string) => call<SummaryView>("day_summary", { day }),
  printDaySummary: (day: string) => call<PrintView>("print_day_summary", { day }),
  history: (day: string | null, state: OperationState | null) =>
    call<EntryView[]>("history", { day, state }),
  pendingOperations: () => call<EntryView[]>("pending_operations"),
  saveSettings: (settings: SettingsInput) => call<AppInfo>("save_settings", { settings }),
  /** The token goes to the OS secret store and is never sent back. */
  saveToken: (token: string, approval: Approval | null) =>
    call<AppInfo>("save_token", { token, approval }),
  createFirstSupervisor: (name: string, pin: string, country: Country) =>
    call<AppInfo>("create_first_supervisor", { name, pin, country }),
  signIn: (name: string, pin: string) => call<AppInfo>("sign_in", { name, pin }),
  signOut: () => call<AppInfo>("sign_out"),
  /** Someone is typing or clicking: keeps a live session open (the backend enforces the idle lock). */
  noteActivity: () => call<void>("note_activity"),
  people: () => call<PersonView[]>("people"),
  addPerson: (name: string, role: Role, pin: string) =>
    call<PersonView[]>("add_person", { name, role, pin }),
  setPersonActive: (name: string, active: boolean) =>
    call<PersonView[]>("set_person_active", { name, active }),
  auditVerify: () => call<AuditView>("audit_verify"),
  doctor: () => call<DoctorCheckView[]>("doctor"),
  /** Where the update stands, without asking Central. */
  updateStatus: () => call<UpdateView>("update_status"),
  /** Asks Central; what it offers is downloaded and its signature verified. */
  checkUpdate: () => call<UpdateView>("check_update"),
  /** Installs the verified update (refused with a shift open) and restarts the app. */
  installUpdate: () => call<UpdateView>("install_update"),
  postponeUpdate: (hours: string, approval: Approval) =>
    call<UpdateView>("postpone_update", { hours, approval }),
  auditExport: (day: string) => call<ExportView>("audit_export", { day }),
  denominations: () => call<DenominationView[]>("denominations"),
  /** The open shift, or null when none is open. */
  shift: () => call<ShiftView | null>("shift"),
  openShift: (float: CountInput) => call<ShiftView>("open_shift", { float }),
  moveCash: (movement: MovementInput) => call<ShiftView>("move_cash", { movement }),
  xReport: () => call<ReconciliationView>("x_report"),
  /** The blind count: nothing expected is shown before it is saved. */
  countClosing: (count: CountInput, cardBatch: string) =>
    call<ReconciliationView>("count_closing", { count, cardBatch }),
  closeShift: (approval: Approval | null) => call<ZView>("close_shift", { approval }),
  zReport: (number: number, reprint: boolean) => call<ZView>("z_report", { number, reprint }),
  zReports: () => call<ZListItem[]>("z_reports"),
  /** What aCuotaz finances; `refresh` asks now instead of using today's copy. */
  orderLimits: (refresh: boolean) => call<OrderLimitsView>("order_limits", { refresh }),
  /** aCuotaz's add-on for an amount, already plain text (render it as text); null when there is none. */
  orderAddOn: (amount: string) => call<string | null>("order_add_on", { amount }),
  createOrder: (order: OrderInput) => call<CreditOrderView>("create_order", { order }),
  /** One round of following (due retries, status reads with back-off), then today's and open orders. */
  followOrders: () => call<CreditOrderView[]>("follow_orders"),
  /** The credit sales of a day (`dd/mm/aaaa`; every day when empty) and every open one, as kept here. */
  creditOrders: (day: string) => call<CreditOrderView[]>("credit_orders", { day }),
  creditOrder: (orderId: string, refresh: boolean) =>
    call<CreditOrderView>("credit_order", { orderId, refresh }),
  confirmOrder: (orderId: string) => call<CreditOrderView>("confirm_order", { orderId }),
  cancelOrder: (orderId: string) => call<CreditOrderView>("cancel_order", { orderId }),
  /** An empty `amount` refunds all that is left. */
  refundOrder: (orderId: string, refund: RefundInput) =>
    call<CreditOrderView>("refund_order", { orderId, refund }),
  /** The order's QR on the 80 mm printer, or kept as a PDF when none is set. */
  printOrderQr: (orderId: string) => call<OrderPaperView>("print_order_qr", { orderId }),
  /** The till's link to Caja Central (never its key); errors already worded, never raw English. */
  centralStatus: () => call<CentralStatusView>("central_status"),
  /** A signed-in supervisor enrolls the till with Central's one-time code. `allowHttp` allows
   *  `http://` beyond this machine (a test network, said explicitly). */
  enrollCentral: (url: string, code: string, allowHttp: boolean) =>
    call<CentralStatusView>("enroll_central", { url, code, allowHttp }),
  /** A push now; the status after it, with `pushed` saying what was sent. */
  pushCentral: () => call<CentralStatusView>("push_central"),
  /** The voucher form's defaults for the down payment of this customer and code, as last checked. */
  voucherForm: (customer: string, fundingCode: string) =>
    call<VoucherFormView>("voucher_form", { customer, fundingCode }),
  /** Puts a receipt file at its public address; the bytes go as the request's body (the backend
   *  refuses more than 10 MB, so at most one byte more is ever sent). */
  hostReceipt: (bytes: Uint8Array) => call<HostedReceiptView>("host_receipt", bytes),
  /** A one-time link for the customer's phone, with its QR code (needs Caja Central). */
  startPhoneUpload: () => call<PhoneUploadView>("start_phone_upload"),
  phoneUploadStatus: (linkId: number) =>
    call<PhoneUploadStatusView>("phone_upload_status", { linkId }),
  /** Journaled first, then sent to aPagos; the answer is where the voucher stands now. */
  registerVoucher: (voucher: VoucherInput) => call<VoucherView>("register_voucher", { voucher }),
  /** The voucher now: aPagos read again while it may change, and billed once validated. */
  voucher: (voucherId: string) => call<VoucherView>("voucher", { voucherId }),
  /** Today's vouchers and every open one, newest first, as kept here. */
  vouchers: () => call<VoucherView[]>("vouchers"),
  cancelVoucher: (voucherId: string, approval: Approval) =>
    call<VoucherView>("cancel_voucher", { voucherId, approval }),
  /** A supervisor settles a register without an answer: with aPagos' number, or null (never sent). */
  resolveVoucher: (voucherId: string, requestId: string | null, approval: Approval) =>
    call<VoucherView>("resolve_voucher", { voucherId, requestId, approval }),
  decideVoucher: (voucherId: string, accept: boolean, approval: Approval) =>
    call<VoucherView>("decide_voucher", { voucherId, accept, approval }),
  /** What the typed lines come to (Spain, nothing sent): `1.234,50 €`. */
  aplazameTotal: (lines: CartLineInput[]) => call<EurosView>("aplazame_total", { lines }),
  /** Journaled first, then asked of Aplazame; the answer is where the checkout stands now. */
  createCheckout: (checkout: CheckoutInput) => call<CheckoutView>("create_checkout", { checkout }),
  /** The checkout now: read again at Aplazame while it may change. */
  checkout: (orderId: string) => call<CheckoutView>("checkout", { orderId }),
  /** Every checkout of this mode, newest first. */
  checkouts: () => call<CheckoutView[]>("checkouts"),
  confirmCheckout: (orderId: string) => call<CheckoutView>("confirm_checkout", { orderId }),
  rejectCheckout: (orderId: string, reason: string) =>
    call<CheckoutView>("reject_checkout", { orderId, reason }),
  /** A supervisor settles a create without an answer: with Aplazame's id, or null (never sent). */
  resolveCheckout: (orderId: string, checkoutId: string | null, approval: Approval) =>
    call<CheckoutView>("resolve_checkout", { orderId, checkoutId, approval }),
};

/** The most a receipt file may weigh (the backend's bound, `desk::views::RECEIPT_MAX_BYTES`). */
export const RECEIPT_MAX_BYTES = 10 * 1024 * 1024;

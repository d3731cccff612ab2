// The bridge to the Rust side: one typed function per Tauri command, and the shapes they return.
// Money always arrives as integer céntimos plus the store's text (`S/ 1,234.50`): the UI never does
// arithmetic on amounts, it shows `text` and compares `centimos`.
import { invoke } from "@tauri-apps/api/core";

export type Mode = "sandbox" | "mock" | "live";
export type Lang = "es" | "en";

export interface Money {
  centimos: number;
  text: string;
}

export interface Customer {
  kind: "dni" | "ruc";
  number: string;
}

export interface AppInfo {
  version: string;
  mode: Mode;
  /** The provider root actually called (the embedded sandbox's loopback URL in sandbox mode). */
  apiUrl: string;
  embeddedSandbox: boolean;
  storeName: string;
  lang: Lang;
  printer: string | null;
  /** The saved provider URL, null for the mode's default. */
  savedApiUrl: string | null;
  tokenConfigured: boolean;
  /** Set when the token had to be kept in an owner-only file: the secret store is not available. */
  tokenWarning: string | null;
  /** Which settings the environment (CAJA_*) overrides, so Ajustes can say why a change won't apply. */
  overridden: Array<"mode" | "apiUrl" | "storeName" | "lang" | "token">;
  /** Today in Lima, YYYY-MM-DD. */
  today: string;
  dataDir: string;
  reportsDir: string;
  /** Minutes without activity before the screen locks. */
  idleLockMinutes: number;
  /** False on the first run: the first supervisor must be created. */
  hasPeople: boolean;
  /** Whether someone must be signed in to work (live mode, or once the till has people). */
  signInRequired: boolean;
  signedIn: PersonView | null;
  /** settings.json was edited outside Caja: saving with a supervisor's approval confirms it. */
  settingsUnconfirmed: boolean;
}

export type Role = "cashier" | "supervisor";

export interface PersonView {
  name: string;
  role: Role;
  active: boolean;
  /** Lima HH:MM until which five wrong PINs keep this person out. */
  lockedUntil: string | null;
}

/** A supervisor's approval: their PIN and a reason, for undo and risky settings. */
export interface Approval {
  supervisor: string;
  pin: string;
  reason: string;
}

export interface AuditView {
  intact: boolean;
  entriesChecked: number;
  rowsChecked: number;
  findings: string[];
}

export interface ExportView {
  path: string;
  rows: number;
}

export interface CheckView {
  fundingCode: string;
  customer: Customer;
  purchaseTotal: Money;
  downpaymentAmount: Money;
  /** What to collect now: the down payment while pending, zero once paid. */
  amountToCollect: Money;
  status: "PENDING" | "FULFILLED";
  channel: "aCuotaz" | "Tienda";
  billed: boolean;
  /** Paid and billed per the provider: the product may be handed over. */
  handoverAllowed: boolean;
  /** A pay or undo on this code whose outcome is still being resolved: hand-over stays locked. */
  openOperation: EntryView | null;
  journalId: number;
}

export type OperationKind = "check" | "paid_and_billed" | "undo_billing";
export type OperationState = "pending" | "confirmed" | "rejected" | "unknown";

export interface OperationView {
  journalId: number;
  kind: OperationKind;
  state: OperationState;
  fundingCode: string;
  customer: Customer;
  /** True only for a confirmed paid-and-billed. */
  handoverAllowed: boolean;
}

export interface OrderView {
  orderId: string;
  dniMasked: string;
  origin: "transfer" | "card" | "external";
  originLabel: string;
  amount: Money;
}

export interface SummaryView {
  day: string;
  mode: Mode;
  totalPurchases: Money;
  totalPaidInStore: Money;
  totalFinanced: Money;
  orders: OrderView[];
  /** Lima time the provider answered, HH:MM, and the full instant (RFC 3339). */
  fetchedAtLima: string;
  fetchedAt: string;
  /** The provider did not answer: this is the copy saved at fetchedAtLima. */
  fromCache: boolean;
}

export interface PrintView {
  /** The PDF kept in the reports folder. */
  path: string;
  /** The CUPS printer it was sent to; null when none exists. */
  printer: string | null;
  /** With no printer: whether the system viewer opened the PDF. */
  opened: boolean;
}

export interface EntryView {
  id: number;
  kind: OperationKind;
  kindLabel: string;
  state: OperationState;
  stateLabel: string;
  customer: Customer;
  fundingCode: string;
  reason: string | null;
  httpStatus: number | null;
  downpaymentAmount: Money | null;
  /** Lima day YYYY-MM-DD and local time dd/mm/yyyy HH:MM. */
  day: string;
  createdAtLima: string;
  operator: string | null;
  approver: string | null;
  approvalReason: string | null;
}

export interface SettingsInput {
  storeName: string;
  mode: Mode;
  /** Empty or null: the mode's default. */
  apiUrl: string | null;
  lang: Lang;
  printer: string | null;
  idleLockMinutes: number;
  /** Needed when the mode, the URL or the idle lock change. */
  approval: Approval | null;
}

/** Every command fails with this shape. `code` is stable; `message` is already in the app's language. */
export interface BridgeError {
  code: string;
  message: string;
  field: string | null;
}

export function isBridgeError(value: unknown): value is BridgeError {
  return typeof value === "object" && value !== null && "code" in value && "message" in value;
}

/** The backend closed the session (idle past the lock, the person turned off) or has none. */
const SESSION_ENDED = new Set(["session_idle", "person_disabled", "sign_in_required"]);
export const SESSION_ENDED_EVENT = "caja:session-ended";

/** A command; when the backend says the session is over, the frame is told (it goes to sign-in). */
async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (thrown) {
    if (isBridgeError(thrown) && SESSION_ENDED.has(String(thrown.code))) {
      window.dispatchEvent(new CustomEvent<BridgeError>(SESSION_ENDED_EVENT, { detail: thrown }));
    }
    throw thrown;
  }
}

export const api = {
  appInfo: () => call<AppInfo>("app_info"),
  check: (customer: string, fundingCode: string) =>
    call<CheckView>("check_financing", { customer, fundingCode }),
  pay: (customer: string, fundingCode: string) =>
    call<OperationView>("pay", { customer, fundingCode }),
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
  createFirstSupervisor: (name: string, pin: string) =>
    call<AppInfo>("create_first_supervisor", { name, pin }),
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
  auditExport: (day: string) => call<ExportView>("audit_export", { day }),
};

// Development only (never in ui/dist): a stand-in for the Tauri shell so the screens can be worked on
// in any browser with `npm run dev` → http://localhost:1420/dev/mock.html. It answers the same
// commands as src-tauri with the sandbox's demo data, after a short delay. Query parameters:
//   ?mode=live|mock|sandbox   the mode AppInfo reports
//   ?lang=en                  the language
//   ?fault=pay|undo|summary   that call ends without an answer (pay/undo: outcome unknown; summary:
//                             the cached copy)
import type { AppInfo, CheckView, EntryView, Money, OperationKind, SettingsInput, SummaryView } from "../src/lib/api";

const query = new URLSearchParams(location.search);
const fault = query.get("fault");
const money = (centimos: number): Money => ({
  centimos,
  text: `S/ ${(centimos / 100).toLocaleString("en-US", { minimumFractionDigits: 2 })}`,
});

interface Financing {
  customer: string;
  total: number;
  downpayment: number;
  paid: boolean;
  channel: "aCuotaz" | "Tienda";
  billed: boolean;
}

const financings = new Map<string, Financing>([
  ["1234567", { customer: "14159265", total: 289990, downpayment: 57998, paid: false, channel: "Tienda", billed: false }],
  ["2718281", { customer: "27182818", total: 149900, downpayment: 29980, paid: true, channel: "aCuotaz", billed: false }],
  ["1618033", { customer: "16180339", total: 325000, downpayment: 65000, paid: true, channel: "Tienda", billed: true }],
  ["1414213", { customer: "10141421358", total: 123450, downpayment: 24690, paid: false, channel: "Tienda", billed: false }],
]);

const today = new Date().toISOString().slice(0, 10);
let info: AppInfo = {
  version: "0.1.0-dev",
  mode: (query.get("mode") as AppInfo["mode"] | null) ?? "sandbox",
  apiUrl: "http://127.0.0.1:40123",
  embeddedSandbox: true,
  storeName: "Tienda Demo — Señor de Muruhuay",
  lang: query.get("lang") === "en" ? "en" : "es",
  printer: null,
  savedApiUrl: null,
  tokenConfigured: false,
  overridden: query.get("mode") ? ["mode"] : [],
  today,
  dataDir: "/tmp/caja-dev",
  reportsDir: "/tmp/caja-dev/reports",
};
const journal: EntryView[] = [];

function fail(code: string, message: string, field: string | null = null): never {
  throw { code, message, field };
}

function find(customer: string, fundingCode: string): Financing {
  if (!/^\d+$/.test(customer)) fail("invalid_input", "El DNI o RUC debe tener solo dígitos.", "customer");
  if (customer.length !== 8 && customer.length !== 11)
    fail("invalid_input", `El DNI tiene 8 dígitos y el RUC 11; se escribieron ${customer.length}.`, "customer");
  if (!/^\d+$/.test(fundingCode)) fail("invalid_input", "El código de financiamiento tiene solo dígitos.", "funding_code");
  const financing = financings.get(fundingCode);
  if (!financing || financing.customer !== customer)
    fail("funding_code_not_found", "aCuotaz no conoce ese código para ese DNI o RUC. Revise ambos datos.");
  return financing;
}

function view(fundingCode: string, f: Financing): CheckView {
  return {
    fundingCode,
    customer: { kind: f.customer.length === 8 ? "dni" : "ruc", number: f.customer },
    purchaseTotal: money(f.total),
    downpaymentAmount: money(f.downpayment),
    amountToCollect: money(f.paid ? 0 : f.downpayment),
    status: f.paid ? "FULFILLED" : "PENDING",
    channel: f.channel,
    billed: f.billed,
    handoverAllowed: f.paid && f.billed,
    journalId: journal.length + 1,
  };
}

function record(kind: OperationKind, state: EntryView["state"], customer: string, code: string, f: Financing | null) {
  const labels = { check: "Consulta", paid_and_billed: "Pagado y facturado", undo_billing: "Anular facturación" };
  const states = { pending: "En curso", confirmed: "Confirmada", rejected: "Rechazada", unknown: "Resultado desconocido" };
  const now = new Date();
  journal.unshift({
    id: journal.length + 1,
    kind,
    kindLabel: labels[kind],
    state,
    stateLabel: states[state],
    customer: { kind: customer.length === 8 ? "dni" : "ruc", number: customer },
    fundingCode: code,
    reason: state === "unknown" ? "Sin respuesta de aCuotaz en 15 s" : null,
    httpStatus: null,
    downpaymentAmount: f ? money(f.downpayment) : null,
    day: today,
    createdAtLima: `${now.toLocaleDateString("es-PE")} ${now.toTimeString().slice(0, 5)}`,
  });
}

function summary(day: string): SummaryView {
  const orders = Array.from({ length: 7 }, (_, index) => ({
    orderId: `AC-${day.replaceAll("-", "")}-${index + 1}`,
    dniMasked: `****${String(1000 + index * 37).slice(-4)}`,
    origin: (["transfer", "card", "external"] as const)[index % 3] ?? "card",
    originLabel: ["Transferencia", "Tarjeta", "Externo"][index % 3] ?? "",
    amount: money(100000 + index * 12345),
  }));
  return {
    day,
    mode: info.mode,
    totalPurchases: money(orders.reduce((sum, order) => sum + order.amount.centimos, 0)),
    totalPaidInStore: money(123456),
    totalFinanced: money(654321),
    orders,
    fetchedAtLima: "09:41",
    fetchedAt: `${day}T14:41:00Z`,
    fromCache: fault === "summary",
  };
}

type Args = Record<string, unknown>;
const text = (args: Args, name: string) => String(args[name] ?? "");

const commands: Record<string, (args: Args) => unknown> = {
  app_info: () => ({ ...info }),
  check_financing: (args) => {
    const f = find(text(args, "customer"), text(args, "fundingCode"));
    record("check", "confirmed", text(args, "customer"), text(args, "fundingCode"), f);
    return view(text(args, "fundingCode"), f);
  },
  pay: (args) => {
    const f = find(text(args, "customer"), text(args, "fundingCode"));
    if (fault === "pay") {
      record("paid_and_billed", "unknown", text(args, "customer"), text(args, "fundingCode"), f);
      fail("provider_timeout", "aCuotaz no respondió a tiempo. No se sabe si quedó registrado: vuelva a consultar.");
    }
    f.paid = true;
    f.billed = true;
    record("paid_and_billed", "confirmed", text(args, "customer"), text(args, "fundingCode"), f);
    return { journalId: journal.length, kind: "paid_and_billed", state: "confirmed", fundingCode: text(args, "fundingCode"), customer: view("", f).customer, handoverAllowed: true };
  },
  undo_billing: (args) => {
    const f = find(text(args, "customer"), text(args, "fundingCode"));
    if (!f.billed) fail("not_billed_yet", "Ese código aún no está facturado: no hay facturación que anular.");
    if (fault !== "undo") f.billed = false;
    record("undo_billing", "confirmed", text(args, "customer"), text(args, "fundingCode"), f);
    return { journalId: journal.length, kind: "undo_billing", state: "confirmed", fundingCode: text(args, "fundingCode"), customer: view("", f).customer, handoverAllowed: false };
  },
  day_summary: (args) => summary(text(args, "day")),
  print_day_summary: (args) => ({ path: `${info.reportsDir}/resumen-${text(args, "day")}.pdf`, printer: info.printer }),
  history: (args) =>
    journal.filter((entry) => (!args.day || entry.day === args.day) && (!args.state || entry.state === args.state)),
  save_settings: (args) => {
    const settings = args.settings as SettingsInput;
    const { apiUrl, ...rest } = settings;
    info = { ...info, ...rest, savedApiUrl: apiUrl };
    return { ...info };
  },
  save_token: () => {
    info = { ...info, tokenConfigured: true };
    return { ...info };
  },
};

declare global {
  interface Window {
    __TAURI_INTERNALS__: { invoke: (cmd: string, args: Args) => Promise<unknown> };
  }
}

window.__TAURI_INTERNALS__ = {
  invoke: (cmd, args) =>
    new Promise((resolve, reject) => {
      setTimeout(() => {
        try {
          const command = commands[cmd];
          if (!command) fail("internal", `unknown command ${cmd}`);
          resolve(command(args));
        } catch (error) {
          reject(error);
        }
      }, 350);
    }),
};

// Turns whatever a bridge call threw into a BridgeError, and says what the UI does with it: which input
// it belongs to, and whether it means "the outcome is unknown" (never success, never failure).
import { isBridgeError, type BridgeError } from "./api";

export function toBridgeError(thrown: unknown): BridgeError {
  if (isBridgeError(thrown)) {
    const field = (thrown as { field?: unknown }).field;
    return {
      code: thrown.code,
      message: String(thrown.message),
      field: typeof field === "string" ? field : null,
    };
  }
  const message = thrown instanceof Error ? thrown.message : String(thrown);
  return { code: "internal", message, field: null };
}

/** The provider may or may not have applied the operation: do not hand over, check again. */
export function isOutcomeUnknown(error: BridgeError): boolean {
  return (
    error.code === "provider_unreachable" ||
    error.code === "provider_timeout" ||
    error.code === "outcome_unknown" ||
    error.code === "order_outcome_unknown" ||
    error.code === "voucher_outcome_unknown" ||
    error.code === "checkout_outcome_unknown"
  );
}

export type CobroInput = "customer" | "funding_code";

/** The Cobro input an error's `field` names, if any (the provider may name `dni` or `ruc`). */
export function cobroInputFor(error: BridgeError | null): CobroInput | null {
  switch (error?.field) {
    case "customer":
    case "dni":
    case "ruc":
      return "customer";
    case "funding_code":
    case "fundingCode":
      return "funding_code";
    default:
      return null;
  }
}

/** Approval refusals (wrong PIN, no reason, not a supervisor…): an approval dialog stays open for
 *  another try. */
const APPROVAL_CODES = new Set<BridgeError["code"]>([
  "wrong_pin",
  "person_locked",
  "person_unknown",
  "not_supervisor",
  "approval_required",
]);

export function isApprovalRefusal(failure: BridgeError): boolean {
  return (
    APPROVAL_CODES.has(failure.code) ||
    (failure.code === "invalid_input" && (failure.field === "pin" || failure.field === "reason"))
  );
}

/** A refusal of what was typed in the pay dialog (tender, cash received, card details): the dialog
 *  stays open to fix it. */
export function isPaymentInputRefusal(failure: BridgeError): boolean {
  return (
    failure.code === "invalid_input" &&
    ["tender", "received", "card_last4", "card_authorization"].includes(failure.field ?? "")
  );
}

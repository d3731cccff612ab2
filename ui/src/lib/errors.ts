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
    error.code === "outcome_unknown"
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

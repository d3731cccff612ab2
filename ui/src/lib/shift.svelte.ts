// The open shift as the whole app knows it: the top bar shows it, Cobro warns when there is none, and
// the Turno screen changes it. Asked again whenever something may have changed it (start, sign-in, a
// payment, a screen coming into view, Turno's own actions); a failed ask keeps what was known.
import { api, type ShiftView } from "./api";

export const shiftState = $state<{
  /** The open shift; null when none is open. */
  view: ShiftView | null;
  /** Whether the backend has been asked at least once (before that, nothing is claimed). */
  known: boolean;
}>({ view: null, known: false });

let asking: Promise<void> | null = null;

/** Asks the backend for the open shift (one question at a time). */
export function refreshShift(): Promise<void> {
  asking ??= api
    .shift()
    .then((view) => {
      shiftState.view = view;
      shiftState.known = true;
    })
    .catch(() => undefined)
    .finally(() => {
      asking = null;
    });
  return asking;
}

/** The shift as an action answered it (opening, a movement): no need to ask again. */
export function setShift(view: ShiftView | null) {
  shiftState.view = view;
  shiftState.known = true;
}

/** Signed out or the till reopened: nothing is known until asked again. */
export function forgetShift() {
  shiftState.view = null;
  shiftState.known = false;
}

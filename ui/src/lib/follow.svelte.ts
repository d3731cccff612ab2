// A card that changes by itself while the provider works (an Aplazame checkout, a transfer): asked
// again every 2 s while it may still change, each answer (or failure) arming the next ask, also when
// nothing changed. An answer for what is no longer shown, or one arriving after the card is gone, is
// dropped; a failed ask leaves the card as last known (its tone says it is not done) with the reason
// beside it, gone with the next answer. When an answer moves the card (another tone, a decision to
// take now), the keyboard goes to what can be done, unless a dialog has it.
import { onDestroy, tick } from "svelte";
import type { BridgeError } from "./api";
import { toBridgeError } from "./errors";
import { session } from "./session.svelte";

const ASK_EVERY_MS = 2_000;

/** Follows the card a component shows; call it while the component is being set up. */
export function follow<T>(card: {
  /** Whether to ask again now (read reactively: it is re-armed when this changes). */
  due: () => boolean;
  /** The id of what the card shows now. */
  id: () => string;
  read: (id: string) => Promise<T>;
  /** Shows the answer; says whether the card moved. */
  take: (next: T) => boolean;
  /** Puts the keyboard on what can be done now. */
  focus: () => void;
}): { readonly error: BridgeError | null; ask: (id: string) => Promise<void> } {
  let error = $state<BridgeError | null>(null);
  let asked = $state(0);
  let stopped = false;

  $effect(() => {
    void asked;
    if (!card.due()) return;
    const id = card.id();
    const timer = setTimeout(() => void ask(id), ASK_EVERY_MS);
    return () => clearTimeout(timer);
  });

  onDestroy(() => {
    stopped = true;
  });

  async function ask(id: string) {
    try {
      const next = await card.read(id);
      if (stopped || card.id() !== id) return;
      error = null;
      if (card.take(next)) {
        await tick();
        if (!session.dialogOpen) card.focus();
      }
    } catch (thrown) {
      if (!stopped) error = toBridgeError(thrown);
    } finally {
      asked += 1;
    }
  }

  return {
    get error() {
      return error;
    },
    ask,
  };
}

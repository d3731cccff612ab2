// The app-wide reactive state: the AppInfo the shell reported last (mode, language, store, today),
// whether a modal dialog owns the keyboard, and why the backend last closed the session (shown at
// sign-in). `t` reads the language from here, so every text on screen
// follows a language change in Ajustes without reloading.
import type { AppInfo, BridgeError, Lang } from "./api";
import { translate, type MessageKey, type Params } from "./i18n";

export const session = $state<{
  info: AppInfo | null;
  dialogOpen: boolean;
  endedBecause: BridgeError | null;
}>({
  info: null,
  dialogOpen: false,
  endedBecause: null,
});

export function currentLang(): Lang {
  return session.info?.lang ?? "es";
}

/** The text of `key` in the app's current language. */
export function t(key: MessageKey, params?: Params): string {
  return translate(currentLang(), key, params);
}

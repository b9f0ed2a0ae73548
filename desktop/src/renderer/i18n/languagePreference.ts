import { isLanguage, languageOf, type Language } from './languages.js';

/** The localStorage key of the language chosen in the app (shared by every window of the app's origin). */
export const LANGUAGE_KEY = 'wava.language';

/** Where a language chosen in the app is kept: localStorage, on the web and in the desktop renderer alike. */
export interface LanguageStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** The language chosen in the app if there is one, else the first the OS or browser prefers that Wava has. */
export function preferredLanguage(storage: LanguageStorage | null, tags: readonly string[]): Language {
  const chosen = readChoice(storage);
  return chosen ?? languageOf(tags);
}

export function rememberLanguage(storage: LanguageStorage | null, language: Language): void {
  try {
    storage?.setItem(LANGUAGE_KEY, language);
  } catch {
    // Storage full or blocked: the choice lasts for this page only.
  }
}

function readChoice(storage: LanguageStorage | null): Language | null {
  try {
    const value = storage?.getItem(LANGUAGE_KEY) ?? null;
    return isLanguage(value) ? value : null;
  } catch {
    return null;
  }
}

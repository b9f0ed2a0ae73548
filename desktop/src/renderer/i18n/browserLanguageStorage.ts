import type { LanguageStorage } from './languagePreference.js';

/** The page's localStorage, or null where the browser blocks it (the choice then lasts for this page only). */
export function browserLanguageStorage(): LanguageStorage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

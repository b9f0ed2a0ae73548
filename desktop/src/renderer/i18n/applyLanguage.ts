import { i18n } from './i18n.js';
import { rememberLanguage, type LanguageStorage } from './languagePreference.js';
import type { Language } from './languages.js';

/**
 * Switches the interface to a language: the catalogs (every `useTranslation` re-renders) and `<html lang>`, so
 * screen readers speak it right. With `storage`, the choice is remembered for the next start.
 */
export function applyLanguage(language: Language, storage: LanguageStorage | null = null): void {
  void i18n.changeLanguage(language);
  document.documentElement.lang = language;
  if (storage) rememberLanguage(storage, language);
}

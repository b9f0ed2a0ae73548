import { useCallback } from 'react';
import { useTranslation } from './useTranslation.js';
import { applyLanguage } from './applyLanguage.js';
import { browserLanguageStorage } from './browserLanguageStorage.js';
import { isLanguage, DEFAULT_LANGUAGE, type Language } from './languages.js';

/** The interface's language, and switching it (remembered for the next start). */
export function useLanguage(): { language: Language; choose(language: Language): void } {
  const { i18n } = useTranslation();
  const language = isLanguage(i18n.language) ? i18n.language : DEFAULT_LANGUAGE;
  const choose = useCallback((next: Language) => applyLanguage(next, browserLanguageStorage()), []);
  return { language, choose };
}

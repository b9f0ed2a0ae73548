import i18next from 'i18next';
import en from '../../shared/locales/en.json';
import ko from '../../shared/locales/ko.json';
import { DEFAULT_LANGUAGE, LANGUAGES, type Language } from './languages.js';

/**
 * The renderer's one translation instance: every sentence people see comes from its catalogs (shared/locales).
 * Components read it through `useTranslation` (react-i18next bound to this instance, no global), so a language
 * switch re-renders them; code outside React (the call core's sentences, the sharing bar) calls `i18n.t`. It starts in English, synchronously,
 * so tests and the first render never wait; `applyLanguage` switches it.
 */
export const i18n = i18next.createInstance();

void i18n.init({
  resources: { en: { translation: en }, ko: { translation: ko } },
  lng: DEFAULT_LANGUAGE,
  fallbackLng: DEFAULT_LANGUAGE,
  supportedLngs: [...LANGUAGES],
  initAsync: false,
  // React escapes what it renders; sentences are never set as HTML.
  interpolation: { escapeValue: false },
  returnNull: false,
});

export function currentLanguage(): Language {
  return i18n.language === 'ko' ? 'ko' : 'en';
}

import i18next, { type i18n as I18n } from 'i18next';
import en from '../../shared/locales/en.json';
import ko from '../../shared/locales/ko.json';

/** A sentence of the main process (menus, tray, dialogs) from the shared catalogs, by key with its placeholders. */
export type MainText = (key: string, params?: Record<string, string | number>) => string;

export type MainLanguage = 'en' | 'ko';

/** The first of the system's preferred languages (`ko-KR`, `en-US`, …) that Wava speaks; English otherwise. */
export function mainLanguage(preferred: readonly string[]): MainLanguage {
  for (const tag of preferred) {
    const base = tag.toLowerCase().split(/[-_]/)[0];
    if (base === 'ko' || base === 'en') return base;
  }
  return 'en';
}

/**
 * The main process's sentences, in the operating system's language (`preferred`, read on first use: Electron
 * answers only once the app is ready), from the same catalogs as the window (shared/locales).
 */
export function createMainText(preferred: () => readonly string[]): MainText {
  let instance: I18n | null = null;
  return (key, params) => {
    if (!instance) {
      instance = i18next.createInstance();
      void instance.init({
        resources: { en: { translation: en }, ko: { translation: ko } },
        lng: mainLanguage(preferred()),
        fallbackLng: 'en',
        initAsync: false,
        interpolation: { escapeValue: false },
        returnNull: false,
      });
    }
    return instance.t(key, params ?? {});
  };
}

/** English, for tests and as the default of the functions that build menus and dialogs. */
export const englishText: MainText = createMainText(() => ['en']);

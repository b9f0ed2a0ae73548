import { LANGUAGE_KEY } from './languagePreference.js';
import { isLanguage, type Language } from './languages.js';

/**
 * Calls `onChosen` whenever another window of the app's origin chooses a language (the browser's `storage`
 * event: every window of one origin shares its localStorage, and each hears the others' writes). In the desktop
 * app the main window and the sharing bar are such windows, so no IPC is involved. Returns the unsubscribe.
 */
export function followLanguageChoice(win: Window, onChosen: (language: Language) => void): () => void {
  const changed = (event: StorageEvent) => {
    if (event.storageArea !== win.localStorage || event.key !== LANGUAGE_KEY) return;
    // Another page of the origin wrote it: only a language Wava has is taken.
    if (isLanguage(event.newValue)) onChosen(event.newValue);
  };
  win.addEventListener('storage', changed);
  return () => win.removeEventListener('storage', changed);
}

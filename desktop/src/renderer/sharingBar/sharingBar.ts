import type { SharingBarBridge } from '../../shared/WavaBridge.js';
import { applyLanguage } from '../i18n/applyLanguage.js';
import { browserLanguageStorage } from '../i18n/browserLanguageStorage.js';
import { followLanguageChoice } from '../i18n/followLanguageChoice.js';
import { i18n } from '../i18n/i18n.js';
import { preferredLanguage } from '../i18n/languagePreference.js';

/**
 * The "You are sharing" bar: its own tiny window (hidden from the capture by the shell). Stop asks the Wava
 * window to stop sharing; the shell closes this bar when the share has ended. It speaks the app's language, and
 * follows a switch made in the Wava window while it is open.
 */
const bridge = (window as { wavaSharingBar?: SharingBarBridge }).wavaSharingBar;
const stop = document.getElementById('stop');
const text = document.getElementById('sharing-text');
let stopping = false;

function render(): void {
  document.title = i18n.t('sharingBar.title');
  if (text) text.textContent = i18n.t('sharingBar.sharing');
  if (stop) stop.textContent = i18n.t(stopping ? 'sharingBar.stopping' : 'sharingBar.stop');
}

applyLanguage(preferredLanguage(browserLanguageStorage(), navigator.languages ?? [navigator.language]));
render();
followLanguageChoice(window, (language) => {
  applyLanguage(language);
  render();
});

if (bridge && stop instanceof HTMLButtonElement) {
  stop.addEventListener('click', () => {
    stop.disabled = true;
    stopping = true;
    render();
    bridge.stop();
  });
} else if (stop) {
  stop.hidden = true;
}

import { englishText, type MainText } from '../i18n/mainText.js';
import type { Ask, Prompt } from '../prompts/Prompt.js';
import { drop, type Logger } from '../util/log.js';
import type { QuitWait } from '../util/waitBeforeQuit.js';

/** After "Restart to Update" failed: the person keeps this version and may try again. */
export function installFailedPrompt(t: MainText = englishText): Prompt<'ok'> {
  return {
    type: 'warning',
    message: t('shell.updateFailed.message'),
    detail: t('shell.updateFailed.detail'),
    buttons: [{ label: t('shell.updateFailed.ok'), answer: 'ok' }],
    defaultAnswer: 'ok',
    cancelAnswer: 'ok',
  };
}

export interface FailedInstallDeps {
  /** The quit prompt's quitting state, which the install set (`before-quit-for-update`). */
  quitPrompt: { callOffQuitting(): void };
  /** Quitting's wait for sign-outs, which the install went through. */
  quitWait: Pick<QuitWait, 'calledOff'>;
  /** Shows the main window, opening a new one when the install closed it; resolves once it is on screen. */
  presentWindow(): Promise<void>;
  ask: Ask;
  text?: MainText;
  log: Logger;
}

/**
 * "Restart to Update" was accepted and the install failed. On macOS Squirrel.Mac reports it only after Electron
 * closed every window for the install: the app is left running with no window (the dock icon only shows an
 * existing one), marked as quitting. So the app takes back what the install set: quitting is called off (closing
 * and quitting during a meeting ask again, the next quit waits for sign-outs again), a window is on screen again
 * (a new one if needed), and the person is told, in a dialog on it. Elsewhere the install fails before anything
 * closed: the same steps leave the window as it was and tell the person.
 */
export function createFailedInstallRecovery(deps: FailedInstallDeps): () => void {
  return () => {
    deps.log.warn('the update could not be installed: Wava keeps running this version');
    deps.quitPrompt.callOffQuitting();
    deps.quitWait.calledOff();
    drop(
      deps.presentWindow().then(() => deps.ask(installFailedPrompt(deps.text ?? englishText))),
      deps.log,
      'telling that the update could not be installed',
    );
  };
}

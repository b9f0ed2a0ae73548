import { randomUUID } from 'node:crypto';
import { desktopCapturer, shell, systemPreferences, webContents, type BrowserWindow, type Session } from 'electron';
import { wavaIpc } from '../../shared/ipcContract.js';
import { sendEvent } from '../ipc/sendEvent.js';
import type { IpcRouter } from '../ipc/IpcRouter.js';
import { describeFrame, type WindowRoles } from '../ipc/electronIpc.js';
import { checkSender } from '../ipc/senderPolicy.js';
import { englishText, type MainText } from '../i18n/mainText.js';
import type { Ask, Prompt } from '../prompts/Prompt.js';
import type { Disposable } from '../util/Disposable.js';
import { drop, type Logger } from '../util/log.js';
import { onPageGone } from '../windows/onPageGone.js';
import { captureStrategy, systemAudioSupported } from './capturePlatform.js';
import { decideDisplayMedia, type DisplayMediaAnswer } from './decideDisplayMedia.js';
import { createPickerBroker } from './PickerBroker.js';
import type { SharingBar } from './SharingBar.js';

const SCREEN_RECORDING_SETTINGS = 'x-apple.systempreferences:com.apple.preference.security?Privacy_ScreenCapture';

/** macOS, when Wava may not record the screen yet. */
const screenAccessPrompt = (t: MainText): Prompt<'open-settings' | 'not-now'> => ({
  type: 'info',
  message: t('shell.screenAccess.message'),
  detail: t('shell.screenAccess.detail'),
  buttons: [
    { label: t('shell.screenAccess.openSettings'), answer: 'open-settings' },
    { label: t('shell.screenAccess.notNow'), answer: 'not-now' },
  ],
  defaultAnswer: 'open-settings',
  cancelAnswer: 'not-now',
});

export interface ScreenShareDeps {
  session: Session;
  win: BrowserWindow;
  router: IpcRouter;
  roles: WindowRoles;
  rendererOrigin: string;
  sharingBar: SharingBar;
  ask: Ask;
  log: Logger;
  /** Dialog sentences in the system's language (English if absent). */
  text?: MainText;
}

/** getDisplayMedia in the Wava window, answered with our own picker (or the system's on Wayland). */
export function setupScreenShare(deps: ScreenShareDeps): Disposable {
  const { win, log } = deps;
  const strategy = captureStrategy(process.platform, process.env, process.argv);
  const broker = createPickerBroker({
    newId: randomUUID,
    log,
    show(request) {
      if (win.isDestroyed()) return false;
      if (!win.isVisible()) win.show();
      win.focus();
      sendEvent(win.webContents, wavaIpc.screenPicker.onRequest, request);
      return true;
    },
    hide(requestId) {
      if (!win.isDestroyed()) sendEvent(win.webContents, wavaIpc.screenPicker.onCancel, { requestId });
    },
  });
  const removeAnswerHandler = deps.router.handle(wavaIpc.screenPicker.answer, 'main', (answer) =>
    broker.answer(answer),
  );
  // A reloaded or crashed page can no longer answer its picker: cancel at once rather than after the timeout.
  const pageGone = onPageGone(win.webContents, () => broker.cancelAll());

  async function explainScreenAccess(): Promise<void> {
    if ((await deps.ask(screenAccessPrompt(deps.text ?? englishText))) === 'open-settings')
      await shell.openExternal(SCREEN_RECORDING_SETTINGS);
  }

  deps.session.setDisplayMediaRequestHandler(
    (request, callback) => {
      let answered = false;
      const answer = (streams: DisplayMediaAnswer) => {
        if (answered) return;
        answered = true;
        try {
          callback(streams);
        } catch (error) {
          log.error('answering the screen share request failed', { error: String(error) });
        }
      };
      const frame = request.frame;
      const owner = frame ? webContents.fromFrame(frame) : undefined;
      const trusted = checkSender(describeFrame(deps.roles, frame, owner), 'main', deps.rendererOrigin).trusted;
      decideDisplayMedia(request, {
        platform: process.platform,
        strategy,
        systemAudioSupported: systemAudioSupported(process.platform),
        requestIsTrusted: trusted,
        screenAccess: () => (process.platform === 'darwin' ? systemPreferences.getMediaAccessStatus('screen') : null),
        explainScreenAccess: () => drop(explainScreenAccess(), log, 'screen permission explanation'),
        getSources: (options) => desktopCapturer.getSources(options),
        excludedSourceIds: () => new Set([deps.sharingBar.sourceId()].filter((id): id is string => id !== null)),
        ask: (sources, audio) => broker.ask(sources, audio),
        log,
      }).then(answer, (error: unknown) => {
        log.error('screen share request failed', { error: String(error) });
        answer(null);
      });
    },
    // Electron 45 implements the system picker on macOS 15+ only; it is asked for on Wayland so that a future
    // Electron with Linux support (electron/electron#48223) takes over there, while the portal strategy above
    // already makes the system picker appear once today. On macOS and Windows Wava's own picker is used.
    { useSystemPicker: strategy === 'portal' },
  );

  return {
    dispose() {
      pageGone.dispose();
      broker.cancelAll();
      removeAnswerHandler();
      deps.session.setDisplayMediaRequestHandler(null);
    },
  };
}

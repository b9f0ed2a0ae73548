import { missingCaseError } from '@wava/protocol';
import { englishText, type MainText } from '../i18n/mainText.js';
import { Notification, powerSaveBlocker, type BrowserWindow } from 'electron';
import { wavaIpc, sharingBarIpc } from '../../shared/ipcContract.js';
import type { ShellCommand } from '../../shared/ipcSchemas.js';
import type { IpcRouter } from '../ipc/IpcRouter.js';
import type { Ask } from '../prompts/Prompt.js';
import type { SharingBar } from '../screenShare/SharingBar.js';
import type { Disposable } from '../util/Disposable.js';
import { drop, type Logger } from '../util/log.js';
import { onPageGone } from '../windows/onPageGone.js';
import { closeAction, closePrompt, shouldNotify } from './closePolicy.js';
import { createDisplaySleepGuard } from './DisplaySleepGuard.js';
import { leaveMeeting } from './leaveMeeting.js';
import { NOT_IN_MEETING, type PresenceStore } from './PresenceStore.js';

export interface MeetingDeps {
  win: BrowserWindow;
  router: IpcRouter;
  presence: PresenceStore;
  sharingBar: SharingBar;
  isQuitting(): boolean;
  sendCommand(command: ShellCommand): void;
  showWindow(): void;
  ask: Ask;
  /** Dialog sentences in the system's language (English if absent). */
  text?: MainText;
  log: Logger;
}

/** What the shell does with the call's presence: display sleep, the sharing bar, notifications, the close prompt. */
export function setupMeeting(deps: MeetingDeps): Disposable {
  const { win, presence, log } = deps;
  const guard = createDisplaySleepGuard(powerSaveBlocker);

  const unsubscribe = presence.onChange((now) => {
    guard.update(now.inMeeting);
    if (now.sharingScreen) deps.sharingBar.show();
    else deps.sharingBar.hide();
  });

  // Electron holds a shown Notification only weakly: without a reference here its click is lost once V8 collects
  // it (electron/electron#16922). Each one is kept until it is clicked or closed.
  const shown = new Set<Notification>();
  const disposers = [
    unsubscribe,
    deps.router.on(wavaIpc.shell.presenceChanged, 'main', (next) => presence.set(next)),
    deps.router.on(wavaIpc.shell.notify, 'main', ({ title, body }) => {
      if (!shouldNotify({ windowFocused: win.isFocused(), supported: Notification.isSupported() })) return;
      const notification = new Notification({ title, body, silent: false });
      shown.add(notification);
      notification.once('click', () => {
        shown.delete(notification);
        deps.showWindow();
      });
      notification.once('close', () => shown.delete(notification));
      notification.show();
    }),
    () => shown.clear(),
    deps.router.on(sharingBarIpc.stop, 'sharing-bar', () => {
      if (presence.get().sharingScreen) deps.sendCommand('toggle-screen-share');
    }),
  ];

  async function askOnClose(): Promise<void> {
    const choice = await deps.ask(closePrompt(deps.text ?? englishText));
    switch (choice) {
      case 'leave': {
        const left = await leaveMeeting({ presence, sendCommand: deps.sendCommand });
        if (!left) log.warn('the meeting did not end in time; closing anyway');
        if (win.isDestroyed()) return;
        if (process.platform === 'darwin') win.hide();
        else win.destroy();
        return;
      }
      case 'keep-in-tray':
        win.hide();
        return;
      case 'cancel':
        return;
      default:
        throw missingCaseError(choice);
    }
  }

  win.on('close', (event) => {
    const action = closeAction({
      inMeeting: presence.get().inMeeting,
      quitting: deps.isQuitting(),
      platform: process.platform,
    });
    if (action === 'close') return;
    event.preventDefault();
    if (action === 'hide') win.hide();
    else drop(askOnClose(), log, 'close prompt');
  });
  // A crashed or reloaded page is no longer in a meeting, whatever it said last.
  const pageGone = onPageGone(win.webContents, () => presence.set(NOT_IN_MEETING));

  return {
    dispose() {
      disposers.forEach((dispose) => dispose());
      pageGone.dispose();
      guard.dispose();
      deps.sharingBar.dispose();
    },
  };
}

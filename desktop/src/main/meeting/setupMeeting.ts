import { dialog, Notification, powerSaveBlocker, type BrowserWindow } from 'electron';
import { wavaIpc, sharingBarIpc } from '../../shared/ipcContract.js';
import type { ShellCommand } from '../../shared/ipcSchemas.js';
import { missingCaseError } from '../../shared/missingCaseError.js';
import type { IpcRouter } from '../ipc/IpcRouter.js';
import type { SharingBar } from '../screenShare/SharingBar.js';
import { drop, type Logger } from '../util/log.js';
import { CLOSE_PROMPT_BUTTONS, closeAction, closeChoiceFromButton, shouldNotify } from './closePolicy.js';
import { createDisplaySleepGuard } from './DisplaySleepGuard.js';
import { NOT_IN_MEETING, type PresenceStore } from './PresenceStore.js';

export interface MeetingDeps {
  win: BrowserWindow;
  router: IpcRouter;
  presence: PresenceStore;
  sharingBar: SharingBar;
  isQuitting(): boolean;
  sendCommand(command: ShellCommand): void;
  showWindow(): void;
  log: Logger;
}

const LEAVE_WAIT_MS = 5000;

/** What the shell does with the call's presence: display sleep, the sharing bar, notifications, the close prompt. */
export function setupMeeting(deps: MeetingDeps): () => void {
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

  function waitUntilLeft(): Promise<boolean> {
    return new Promise((resolve) => {
      if (!presence.get().inMeeting) return resolve(true);
      const timer = setTimeout(() => {
        stop();
        resolve(false);
      }, LEAVE_WAIT_MS);
      const stop = presence.onChange((now) => {
        if (now.inMeeting) return;
        clearTimeout(timer);
        stop();
        resolve(true);
      });
    });
  }

  async function askOnClose(): Promise<void> {
    const { response } = await dialog.showMessageBox(win, {
      type: 'question',
      buttons: CLOSE_PROMPT_BUTTONS.map((button) => button.label),
      defaultId: 0,
      cancelId: CLOSE_PROMPT_BUTTONS.findIndex((button) => button.choice === 'cancel'),
      message: 'You are in a meeting',
      detail:
        'Leave the meeting and close Wava, or keep the meeting running in the background? You can get back to it from the tray icon.',
    });
    const choice = closeChoiceFromButton(response);
    switch (choice) {
      case 'leave': {
        deps.sendCommand('leave-meeting');
        const left = await waitUntilLeft();
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
  win.webContents.on('render-process-gone', () => presence.set(NOT_IN_MEETING));
  win.webContents.on('did-start-navigation', (details) => {
    if (details.isMainFrame && !details.isSameDocument) presence.set(NOT_IN_MEETING);
  });

  return () => {
    disposers.forEach((dispose) => dispose());
    guard.dispose();
    deps.sharingBar.dispose();
  };
}

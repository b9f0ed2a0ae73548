import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { closeAction } from '../../src/main/meeting/closePolicy.js';
import { createPresenceStore, NOT_IN_MEETING } from '../../src/main/meeting/PresenceStore.js';
import { setupQuitPrompt } from '../../src/main/meeting/setupQuitPrompt.js';
import { createFailedInstallRecovery } from '../../src/main/updates/recoverFailedInstall.js';
import { createUpdateController, type UpdaterLike } from '../../src/main/updates/UpdateController.js';
import { createPendingWork, type PendingWork } from '../../src/main/util/PendingWork.js';
import { waitBeforeQuit } from '../../src/main/util/waitBeforeQuit.js';
import { createWindowPresenter, type PresentableWindow } from '../../src/main/windows/presentWindow.js';
import { fakeApp } from './support/fakeApp.js';
import { heldSignOut } from './support/heldSignOut.js';
import { createMemoryLogger } from './support/memoryLogger.js';

const IN_MEETING = { inMeeting: true, sharingScreen: false, meetingCode: 'abc-defg-hij', participantCount: 2 };

/**
 * electron-updater cannot load without Electron. These doubles do at the controller's interface (UpdaterLike) what
 * electron-updater 6 does on each system when `quitAndInstall()` is called:
 * - 'windows' (NsisUpdater; AppImage and deb alike): starts the installer at once, then on the next turn emits
 *   Electron's `before-quit-for-update` and calls `app.quit()`.
 * - 'mac' (MacUpdater over Squirrel.Mac): Electron's native quitAndInstall emits `before-quit-for-update`, closes
 *   every window, and once all are closed Squirrel quits the app (`before-quit`); the update is installed when it
 *   has quit. A window whose `close` is prevented stops all of it.
 * - 'failing' (BaseUpdater whose installer is missing): reports an `error` and does not quit.
 * - 'mac-failing': as 'mac', but once every window has closed Squirrel.Mac cannot apply the update
 *   (`relaunchToInstallUpdate` fails): Electron's autoUpdater reports an `error` a moment later, which MacUpdater
 *   passes on, and the app does not quit. `squirrelFailures` says how many installs fail so (all by default).
 * On Windows and Linux a downloaded update is also installed, silently, when the app quits (`quit` event) with
 * `autoInstallOnAppQuit` set, unless `quitAndInstall()` already started it.
 */
type System = 'windows' | 'mac' | 'failing' | 'mac-failing';

function systemUpdater(system: System, app: ReturnType<typeof fakeApp>, events: string[], squirrelFailures: number) {
  const electronUpdater = new EventEmitter();
  const listeners = new Map<string, Array<(arg?: unknown) => void>>();
  /** The main window on macOS: its `close` decided as setupMeeting decides it. */
  let windowClose: () => 'closed' | 'hidden' = () => 'closed';
  const updater: UpdaterLike = {
    autoDownload: true,
    autoInstallOnAppQuit: true,
    checkForUpdates: async () => undefined,
    downloadUpdate: async () => undefined,
    quitAndInstall() {
      if (system === 'failing') {
        events.push('install failed');
        emit('error', new Error("No valid update available, can't quit and install"));
        return;
      }
      if (system === 'windows') {
        installerStarted = true;
        events.push('installer started');
        setImmediate(() => {
          electronUpdater.emit('before-quit-for-update');
          app.quit();
        });
        return;
      }
      electronUpdater.emit('before-quit-for-update');
      const outcome = windowClose();
      events.push(`window ${outcome}`);
      if (outcome !== 'closed') return;
      if (system === 'mac-failing' && squirrelFailures > 0) {
        squirrelFailures -= 1;
        setImmediate(() => {
          events.push('install failed');
          emit('error', new Error('Update failed: the code signature of the update could not be checked'));
        });
        return;
      }
      app.quit();
    },
    on: (event: string, listener: (error: Error) => void) => {
      listeners.set(event, [...(listeners.get(event) ?? []), listener as (arg?: unknown) => void]);
      return updater;
    },
  };
  const emit = (event: string, arg?: unknown) => listeners.get(event)?.forEach((listener) => listener(arg));
  let installerStarted = false;
  if (system === 'windows') {
    void app.quitted.then(() => {
      if (!installerStarted && updater.autoInstallOnAppQuit) events.push('installer started on quit');
    });
  }
  return {
    updater,
    electronUpdater,
    emit,
    setWindowClose: (decide: () => 'closed' | 'hidden') => void (windowClose = decide),
  };
}

/**
 * The main window as index.ts keeps it: the install closes it (macOS), createWindowPresenter opens a new one, which
 * shows itself a turn later (its first frame ready).
 */
function mainWindow(events: string[]) {
  let current: PresentableWindow | null = null;
  /** The window the app started with is not logged. */
  let started = false;
  const open = (): PresentableWindow => {
    const emitter = new EventEmitter();
    let visible = false;
    const win = Object.assign(emitter, {
      isDestroyed: () => current !== win,
      isMinimized: () => false,
      restore: () => undefined,
      show: () => {
        if (visible) return;
        visible = true;
        if (started) events.push('window shown');
        emitter.emit('show');
      },
      focus: () => void (started && events.push('window in front')),
    });
    current = win;
    setImmediate(() => win.show());
    return win;
  };
  open();
  setImmediate(() => (started = true));
  return {
    current: () => current,
    open: () => {
      events.push('window opened');
      return open();
    },
    close: () => void (current = null),
  };
}

function setup(system: System, options: { maxWaitMs?: number; squirrelFailures?: number } = {}) {
  const app = fakeApp();
  const events: string[] = [];
  void app.quitted.then(() => events.push('quit'));
  const log = createMemoryLogger();
  const presence = createPresenceStore();
  const signOuts = createPendingWork(log);
  let waits = 0;
  const counted: Pick<PendingWork, 'busy' | 'settled'> = {
    busy: () => signOuts.busy(),
    settled: (timeoutMs) => {
      waits += 1;
      return signOuts.settled(timeoutMs);
    },
  };
  const fake = systemUpdater(system, app, events, options.squirrelFailures ?? Infinity);
  const asked: string[] = [];
  // As index.ts builds them: the quit prompt first, then the wait for sign-outs (setupAuth), then updates.
  const quitPrompt = setupQuitPrompt({
    app: app.app,
    updater: fake.electronUpdater,
    presence,
    hasWindow: () => true,
    ask: async (prompt) => {
      asked.push(prompt.message);
      return prompt.cancelAnswer;
    },
    sendCommand: () => undefined,
    log,
  });
  const quitWait = waitBeforeQuit(app.app, counted, { log, ...options });
  const windows = mainWindow(events);
  const presentWindow = createWindowPresenter({
    current: windows.current,
    open: windows.open,
    mayOpen: () => !quitPrompt.isQuitting(),
  });
  let told = () => undefined as void;
  const toldOnce = new Promise<void>((resolve) => (told = resolve));
  const onInstallFailed = createFailedInstallRecovery({
    quitPrompt,
    quitWait,
    presentWindow,
    ask: async (prompt) => {
      asked.push(prompt.message);
      told();
      return prompt.cancelAnswer;
    },
    log,
  });
  const updates = createUpdateController({
    updater: fake.updater,
    newCancellation: () => ({ cancel: () => undefined }),
    disabledByPolicy: false,
    feedConfigured: true,
    signatureVerifiable: true,
    quitWait,
    log,
    onReadyChanged: () => undefined,
    onInstallFailed,
  });
  presence.onChange((now) => updates.setInMeeting(now.inMeeting));
  const closeOnMac = () =>
    closeAction({ inMeeting: presence.get().inMeeting, quitting: quitPrompt.isQuitting(), platform: 'darwin' });
  fake.setWindowClose(() => {
    if (closeOnMac() !== 'close') return 'hidden';
    windows.close();
    return 'closed';
  });
  updates.check();
  fake.emit('update-available');
  fake.emit('update-downloaded');
  const signOut = () => heldSignOut(signOuts, events);
  return {
    ...app,
    events,
    log,
    presence,
    updates,
    signOut,
    asked,
    waits: () => waits,
    told: toldOnce,
    windows,
    presentWindow,
    closeOnMac,
  };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

/** Quits with a sign-out on its way: the app stays until the server has the sign-out, then quits. */
async function quitWithPendingSignOut({
  signOut,
  quit,
  hasQuit,
  quitted,
}: Pick<ReturnType<typeof setup>, 'signOut' | 'quit' | 'hasQuit' | 'quitted'>) {
  const held = signOut();
  quit();
  await turn();
  expect(hasQuit()).toBe(false);
  held.answer();
  await quitted;
}

describe('"Restart to Update" while a sign-out is on its way to the server', () => {
  it.each(['windows', 'mac'] as const)(
    '%s: installs once the server has the sign-out, then quits, waiting once',
    async (system) => {
      const { updates, signOut, events, quitted, quits, waits, asked } = setup(system);
      const held = signOut();
      expect(updates.installNow()).toBe(true);
      await turn();
      expect(events).toEqual([]);
      held.answer();
      await quitted;
      const installed = system === 'windows' ? 'installer started' : 'window closed';
      expect(events).toEqual(['sign-out answered', installed, 'quit']);
      expect(quits()).toBe(1);
      expect(waits()).toBe(1);
      expect(asked).toEqual([]);
    },
  );

  it.each(['windows', 'mac'] as const)(
    '%s: a sign-out the server never answers holds the install for the bound only, and only once',
    async (system) => {
      const { updates, signOut, events, quitted, quits, waits, log } = setup(system, { maxWaitMs: 5 });
      signOut();
      updates.installNow();
      await quitted;
      expect(events).toEqual([system === 'windows' ? 'installer started' : 'window closed', 'quit']);
      expect(quits()).toBe(1);
      expect(waits()).toBe(1);
      expect(log.text().match(/did not finish in time/g)).toHaveLength(1);
    },
  );

  it('mac: with nothing pending the window closes for the install instead of hiding, and the app quits', async () => {
    const { updates, events, quitted } = setup('mac');
    updates.installNow();
    await quitted;
    expect(events).toEqual(['window closed', 'quit']);
  });

  it('pressing "Restart to Update" again while it waits installs once', async () => {
    const { updates, signOut, events, quitted } = setup('windows');
    const held = signOut();
    expect(updates.installNow()).toBe(true);
    expect(updates.installNow()).toBe(true);
    held.answer();
    await quitted;
    await turn();
    expect(events.filter((event) => event === 'installer started')).toHaveLength(1);
  });

  it('a meeting started during the wait calls the install off, and a later quit waits for sign-outs again', async () => {
    const { updates, signOut, events, presence, quit, quitted, hasQuit, waits } = setup('windows');
    const first = signOut();
    updates.installNow();
    presence.set(IN_MEETING);
    first.answer();
    await turn();
    expect(events).toEqual(['sign-out answered']);
    expect(hasQuit()).toBe(false);
    presence.set(NOT_IN_MEETING);
    await quitWithPendingSignOut({ signOut, quit, hasQuit, quitted });
    expect(waits()).toBe(2);
  });

  it('an install that could not start may be asked for again, and the next quit waits for sign-outs again', async () => {
    const { updates, signOut, events, quit, quitted, hasQuit, waits } = setup('failing');
    expect(updates.installNow()).toBe(true);
    expect(updates.installNow()).toBe(true);
    expect(events).toEqual(['install failed', 'install failed']);
    await quitWithPendingSignOut({ signOut, quit, hasQuit, quitted });
    expect(waits()).toBe(1);
  });

  it('windows: a plain quit with a sign-out pending installs the downloaded update once it has quit', async () => {
    const { quit, signOut, events, quitted } = setup('windows');
    const held = signOut();
    quit();
    await turn();
    expect(events).toEqual([]);
    held.answer();
    await quitted;
    expect(events).toEqual(['sign-out answered', 'quit', 'installer started on quit']);
  });
});

const UPDATE_FAILED = 'Wava could not install the update';

describe('"Restart to Update" whose install fails', () => {
  it('mac: Squirrel fails after the windows closed: the app stays, a window opens again and the person is told', async () => {
    const { updates, events, asked, told, windows, hasQuit, closeOnMac, log } = setup('mac-failing');
    expect(updates.installNow()).toBe(true);
    await told;
    expect(events).toEqual(['window closed', 'install failed', 'window opened', 'window shown']);
    expect(asked).toEqual([UPDATE_FAILED]);
    expect(hasQuit()).toBe(false);
    expect(windows.current()).not.toBeNull();
    // No longer marked as quitting: closing the window hides it again, as before the install.
    expect(closeOnMac()).toBe('hide');
    expect(log.text()).toMatch(/the update could not be installed/);
  });

  it('mac: afterwards a quit during a meeting asks again, and a quit waits for a pending sign-out again', async () => {
    const { updates, told, presence, asked, quit, hasQuit, signOut, quitted, waits } = setup('mac-failing');
    updates.installNow();
    await told;
    presence.set(IN_MEETING);
    quit();
    await turn();
    expect(asked).toEqual([UPDATE_FAILED, 'You are in a meeting']);
    expect(hasQuit()).toBe(false);
    presence.set(NOT_IN_MEETING);
    await quitWithPendingSignOut({ signOut, quit, hasQuit, quitted });
    expect(waits()).toBe(1);
  });

  it('mac: "Restart to Update" may be chosen again, and installs when Squirrel succeeds', async () => {
    const { updates, told, events, quitted } = setup('mac-failing', { squirrelFailures: 1 });
    updates.installNow();
    await told;
    expect(updates.installNow()).toBe(true);
    await quitted;
    expect(events).toEqual([
      'window closed',
      'install failed',
      'window opened',
      'window shown',
      'window closed',
      'quit',
    ]);
  });

  it('windows: an installer that could not start leaves the window where it is and tells the person', async () => {
    const { updates, told, events, asked, hasQuit } = setup('failing');
    await turn();
    updates.installNow();
    await told;
    expect(events).toEqual(['install failed', 'window in front']);
    expect(asked).toEqual([UPDATE_FAILED]);
    expect(hasQuit()).toBe(false);
  });

  it('mac: the dock icon while the install closes the windows opens none (the app is quitting)', async () => {
    const { updates, presentWindow, events, quitted } = setup('mac');
    updates.installNow();
    await presentWindow();
    await quitted;
    expect(events).toEqual(['window closed', 'quit']);
  });
});

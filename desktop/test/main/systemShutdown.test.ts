import { EventEmitter } from 'node:events';
import type { BrowserWindow, PowerMonitor } from 'electron';
import { describe, expect, it } from 'vitest';
import { closeAction } from '../../src/main/meeting/closePolicy.js';
import { createPresenceStore, NOT_IN_MEETING } from '../../src/main/meeting/PresenceStore.js';
import { setupQuitPrompt } from '../../src/main/meeting/setupQuitPrompt.js';
import { createShutdownHandler, type ShutdownNotice } from '../../src/main/shutdown/handleSystemShutdown.js';
import { onPowerMonitorShutdown, onWindowSessionEnd } from '../../src/main/shutdown/systemShutdownEvents.js';
import { createPendingWork } from '../../src/main/util/PendingWork.js';
import { waitBeforeQuit } from '../../src/main/util/waitBeforeQuit.js';
import type { ShellCommand } from '../../src/shared/ipcSchemas.js';
import { fakeApp } from './support/fakeApp.js';
import { createMemoryLogger } from './support/memoryLogger.js';

const IN_MEETING = { inMeeting: true, sharingScreen: false, meetingCode: 'abc-defg-hij', participantCount: 2 };

function heldSignOut() {
  let answer = () => undefined as void;
  const promise = new Promise<void>((resolve) => {
    answer = resolve;
  });
  return { promise, answer: () => answer() };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

/** The main process's quitting parts as index.ts wires them, with the page obeying (or not) the shell's commands. */
function setup(options: { inMeeting?: boolean; page?: 'obeys' | 'ignores' } = {}) {
  const app = fakeApp();
  const events: string[] = [];
  void app.quitted.then(() => events.push('quit'));
  const log = createMemoryLogger();
  const presence = createPresenceStore();
  if (options.inMeeting) presence.set(IN_MEETING);
  const commands: ShellCommand[] = [];
  const sendCommand = (command: ShellCommand) => {
    commands.push(command);
    if (command === 'leave-meeting' && options.page !== 'ignores') {
      queueMicrotask(() => {
        events.push('left the meeting');
        presence.set(NOT_IN_MEETING);
      });
    }
  };
  const asked: string[] = [];
  const quitPrompt = setupQuitPrompt({
    app: app.app,
    updater: new EventEmitter(),
    presence,
    hasWindow: () => true,
    ask: async (prompt) => {
      asked.push(prompt.message);
      return prompt.cancelAnswer;
    },
    sendCommand,
    log,
  });
  const signOuts = createPendingWork(log);
  const quitWait = waitBeforeQuit(app.app, signOuts, { log });
  const onShutdown = createShutdownHandler({
    presence,
    sendCommand,
    signOuts,
    quitWait,
    markQuitting: quitPrompt.markQuitting,
    quit: () => app.app.quit(),
    leaveWaitMs: 20,
    log,
  });
  let delays = 0;
  const shutdown = (kind: 'can-delay' | 'windows') => {
    const notice: ShutdownNotice = { delay: kind === 'can-delay' ? () => void (delays += 1) : null };
    onShutdown(notice);
  };
  const signOut = () => {
    const held = heldSignOut();
    signOuts.track(
      held.promise.then(() => void events.push('sign-out answered')),
      'telling the server about the sign-out',
    );
    return held;
  };
  const closeOnMac = () =>
    closeAction({ inMeeting: presence.get().inMeeting, quitting: quitPrompt.isQuitting(), platform: 'darwin' });
  return { ...app, events, log, commands, asked, shutdown, signOut, delays: () => delays, closeOnMac };
}

describe('the system shuts down (Linux, macOS: the shutdown can be delayed until Wava quits)', () => {
  it('with a sign-out on its way: delays the shutdown, quits once the server has it, asking nothing', async () => {
    const { shutdown, signOut, events, quitted, quits, delays, asked } = setup();
    const held = signOut();
    shutdown('can-delay');
    expect(delays()).toBe(1);
    await turn();
    expect(events).toEqual([]);
    held.answer();
    await quitted;
    expect(events).toEqual(['sign-out answered', 'quit']);
    expect(quits()).toBe(1);
    expect(asked).toEqual([]);
  });

  it('in a meeting: leaves it without the quit prompt, then waits for the sign-out, then quits', async () => {
    const { shutdown, signOut, events, commands, quitted, asked } = setup({ inMeeting: true });
    const held = signOut();
    shutdown('can-delay');
    await turn();
    expect(commands).toEqual(['leave-meeting']);
    held.answer();
    await quitted;
    expect(events).toEqual(['left the meeting', 'sign-out answered', 'quit']);
    expect(asked).toEqual([]);
  });

  it('in a meeting whose page does not answer: quits after the bound anyway, asking nothing', async () => {
    const { shutdown, quitted, asked, log, delays } = setup({ inMeeting: true, page: 'ignores' });
    shutdown('can-delay');
    expect(delays()).toBe(1);
    await quitted;
    expect(asked).toEqual([]);
    expect(log.text()).toMatch(/the meeting did not end in time; quitting for the shutdown anyway/);
  });

  it('with nothing to finish: does not delay it, and the system quitting the app goes through at once', () => {
    const { shutdown, quit, hasQuit, delays, events } = setup();
    shutdown('can-delay');
    expect(delays()).toBe(0);
    expect(events).toEqual([]);
    quit();
    expect(hasQuit()).toBe(true);
  });

  it('a second notice while quitting changes nothing', async () => {
    const { shutdown, signOut, quitted, quits, delays } = setup();
    const held = signOut();
    shutdown('can-delay');
    shutdown('can-delay');
    held.answer();
    await quitted;
    expect(delays()).toBe(1);
    expect(quits()).toBe(1);
  });
});

describe('Windows ends the session (nothing can hold it)', () => {
  it('tells the page to leave the meeting at once, asks nothing, and says a sign-out was still on its way', () => {
    const { shutdown, signOut, commands, asked, quits, log, closeOnMac } = setup({ inMeeting: true, page: 'ignores' });
    signOut();
    shutdown('windows');
    expect(commands).toEqual(['leave-meeting']);
    expect(asked).toEqual([]);
    // Wava does not quit by itself (a held quit would only wait in a process Windows is ending); the sign-out
    // request goes on until then.
    expect(quits()).toBe(0);
    expect(log.text()).toMatch(/session ended with a sign-out still on its way/);
    // Whatever closes the window now closes it: no close prompt.
    expect(closeOnMac()).toBe('close');
  });

  it('does nothing when there is no meeting and no sign-out', () => {
    const { shutdown, commands, quits, closeOnMac } = setup();
    shutdown('windows');
    expect(commands).toEqual([]);
    expect(quits()).toBe(0);
    expect(closeOnMac()).toBe('hide');
  });
});

describe('Electron adapters', () => {
  it("powerMonitor 'shutdown': delaying is the event's preventDefault", () => {
    const powerMonitor = new EventEmitter();
    const notices: ShutdownNotice[] = [];
    const watch = onPowerMonitorShutdown(powerMonitor as unknown as PowerMonitor, (notice) => notices.push(notice));
    let prevented = false;
    powerMonitor.emit('shutdown', { preventDefault: () => void (prevented = true) });
    notices[0]?.delay?.();
    expect(prevented).toBe(true);
    watch.dispose();
    expect(powerMonitor.listenerCount('shutdown')).toBe(0);
  });

  it("a window's 'session-end' (Windows) cannot be delayed", () => {
    const win = new EventEmitter();
    const notices: ShutdownNotice[] = [];
    const watch = onWindowSessionEnd(win as unknown as BrowserWindow, (notice) => notices.push(notice));
    win.emit('session-end', { reasons: ['shutdown'], preventDefault: () => undefined });
    expect(notices).toEqual([{ delay: null }]);
    watch.dispose();
    expect(win.listenerCount('session-end')).toBe(0);
  });
});

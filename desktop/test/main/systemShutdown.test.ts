import { EventEmitter } from 'node:events';
import type { BrowserWindow, PowerMonitor } from 'electron';
import { describe, expect, it } from 'vitest';
import { closeAction } from '../../src/main/meeting/closePolicy.js';
import { createPresenceStore, NOT_IN_MEETING } from '../../src/main/meeting/PresenceStore.js';
import { setupQuitPrompt } from '../../src/main/meeting/setupQuitPrompt.js';
import {
  createShutdownHandler,
  type ShutdownNotice,
  type ShutdownSignal,
} from '../../src/main/shutdown/handleSystemShutdown.js';
import { onPowerMonitorShutdown, onWindowSessionEnd } from '../../src/main/shutdown/systemShutdownEvents.js';
import { createPendingWork } from '../../src/main/util/PendingWork.js';
import { waitBeforeQuit } from '../../src/main/util/waitBeforeQuit.js';
import type { ShellCommand } from '../../src/shared/ipcSchemas.js';
import { fakeApp } from './support/fakeApp.js';
import { heldSignOut } from './support/heldSignOut.js';
import { createMemoryLogger } from './support/memoryLogger.js';

const IN_MEETING = { inMeeting: true, sharingScreen: false, meetingCode: 'abc-defg-hij', participantCount: 2 };

const turn = () => new Promise((resolve) => setImmediate(resolve));

/** The main process's quitting parts as index.ts wires them, with the page obeying (or not) the shell's commands. */
function setup(options: { inMeeting?: boolean; page?: 'obeys' | 'ignores'; prompt?: 'cancels' | 'unanswered' } = {}) {
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
    ask: (prompt) => {
      asked.push(prompt.message);
      // 'unanswered': the dialog stays open (nobody is at the computer).
      return options.prompt === 'unanswered' ? new Promise(() => undefined) : Promise.resolve(prompt.cancelAnswer);
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
  const shutdown = (kind: 'can-delay' | 'windows' | ShutdownSignal) => {
    const notice: ShutdownNotice =
      kind === 'can-delay'
        ? { kind: 'delayable', delay: () => void (delays += 1) }
        : kind === 'windows'
          ? { kind: 'session-end' }
          : { kind: 'signal', signal: kind };
    onShutdown(notice);
  };
  const signOut = () => heldSignOut(signOuts, events);
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

describe('a signal asks Wava to end (Linux: logging off sends SIGTERM; Ctrl+C, a closed terminal)', () => {
  it('in a meeting: leaves it without the quit prompt, waits for the sign-out, then quits', async () => {
    const { shutdown, signOut, events, commands, quitted, quits, asked } = setup({ inMeeting: true });
    const held = signOut();
    shutdown('SIGTERM');
    await turn();
    expect(commands).toEqual(['leave-meeting']);
    expect(events).toEqual(['left the meeting']);
    held.answer();
    await quitted;
    expect(events).toEqual(['left the meeting', 'sign-out answered', 'quit']);
    expect(quits()).toBe(1);
    expect(asked).toEqual([]);
  });

  it('while the quit prompt is open and nobody answers it: leaves the meeting and quits anyway', async () => {
    const { quit, shutdown, events, asked, quitted, closeOnMac } = setup({ inMeeting: true, prompt: 'unanswered' });
    quit();
    expect(asked).toEqual(['You are in a meeting']);
    shutdown('SIGTERM');
    expect(closeOnMac()).toBe('close');
    await quitted;
    expect(events).toEqual(['left the meeting', 'quit']);
    expect(asked).toHaveLength(1);
  });

  it('in a meeting whose page does not answer: quits after the bound anyway', async () => {
    const { shutdown, quitted, asked, log } = setup({ inMeeting: true, page: 'ignores' });
    shutdown('SIGHUP');
    await quitted;
    expect(asked).toEqual([]);
    expect(log.text()).toMatch(/the meeting did not end in time; quitting for the shutdown anyway/);
  });

  it.each(['SIGTERM', 'SIGINT', 'SIGHUP'] as const)('%s with nothing to finish: quits at once', (signal) => {
    const { shutdown, hasQuit, commands, asked } = setup();
    shutdown(signal);
    expect(hasQuit()).toBe(true);
    expect(commands).toEqual([]);
    expect(asked).toEqual([]);
  });

  it('the signal again (when-exit raises it once more) or another one while leaving: one leave, one quit', async () => {
    const { shutdown, signOut, commands, quitted, quits } = setup({ inMeeting: true });
    const held = signOut();
    shutdown('SIGTERM');
    shutdown('SIGTERM');
    shutdown('SIGINT');
    held.answer();
    await quitted;
    expect(commands).toEqual(['leave-meeting']);
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
    const notice = notices[0];
    if (notice?.kind === 'delayable') notice.delay();
    expect(prevented).toBe(true);
    watch.dispose();
    expect(powerMonitor.listenerCount('shutdown')).toBe(0);
  });

  it("a window's 'session-end' (Windows) cannot be delayed", () => {
    const win = new EventEmitter();
    const notices: ShutdownNotice[] = [];
    const watch = onWindowSessionEnd(win as unknown as BrowserWindow, (notice) => notices.push(notice));
    win.emit('session-end', { reasons: ['shutdown'], preventDefault: () => undefined });
    expect(notices).toEqual([{ kind: 'session-end' }]);
    watch.dispose();
    expect(win.listenerCount('session-end')).toBe(0);
  });
});

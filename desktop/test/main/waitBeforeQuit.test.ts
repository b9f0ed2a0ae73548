import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { createPresenceStore, NOT_IN_MEETING } from '../../src/main/meeting/PresenceStore.js';
import { setupQuitPrompt } from '../../src/main/meeting/setupQuitPrompt.js';
import { createPendingWork } from '../../src/main/util/PendingWork.js';
import { waitBeforeQuit } from '../../src/main/util/waitBeforeQuit.js';
import { fakeApp } from './support/fakeApp.js';
import { heldWork } from './support/heldWork.js';
import { createMemoryLogger } from './support/memoryLogger.js';

const turn = () => new Promise((resolve) => setImmediate(resolve));
const IN_MEETING = { inMeeting: true, sharingScreen: false, meetingCode: 'abc-defg-hij', participantCount: 2 };

/** A sign-out on its way holds the next quit until it is done, then the app quits. */
async function quitWaitsForSignOut(
  work: ReturnType<typeof createPendingWork>,
  app: Pick<ReturnType<typeof fakeApp>, 'quit' | 'quitted' | 'hasQuit'>,
) {
  const signOut = heldWork();
  work.track(signOut.promise, 'revoking a sign-in');
  app.quit();
  await turn();
  expect(app.hasQuit()).toBe(false);
  signOut.finish();
  await app.quitted;
}

/** The quit prompt as the app sets it up, answered Cancel each time it asks (`asked` counts the asks). */
function cancellingPrompt(app: ReturnType<typeof fakeApp>['app'], log: ReturnType<typeof createMemoryLogger>) {
  const presence = createPresenceStore();
  const prompt = { presence, asked: 0 };
  setupQuitPrompt({
    app,
    updater: new EventEmitter(),
    presence,
    hasWindow: () => true,
    ask: async (question) => ((prompt.asked += 1), question.cancelAnswer),
    sendCommand: () => undefined,
    log,
  });
  return prompt;
}

describe('quitting waits a moment for background work (waitBeforeQuit)', () => {
  it('quits at once when nothing is pending', async () => {
    const { app, quit, hasQuit } = fakeApp();
    const log = createMemoryLogger();
    waitBeforeQuit(app, createPendingWork(log), { log });
    quit();
    expect(hasQuit()).toBe(true);
  });

  it('holds the quit while a sign-out is on its way, then quits once it has settled, once', async () => {
    const { app, quit, quitted, hasQuit, quits } = fakeApp();
    const log = createMemoryLogger();
    const work = createPendingWork(log);
    waitBeforeQuit(app, work, { log });
    const signOut = heldWork();
    work.track(signOut.promise, 'telling the server about the sign-out');
    quit();
    quit(); // a second Cmd+Q while waiting neither quits nor starts a second wait
    await turn();
    expect(hasQuit()).toBe(false);
    signOut.finish();
    await quitted;
    expect(quits()).toBe(3);
    expect(log.text()).not.toMatch(/did not finish in time/);
  });

  it('quits anyway after the bound when the work never settles, and says so', async () => {
    const { app, quit, quitted } = fakeApp();
    const log = createMemoryLogger();
    const work = createPendingWork(log);
    waitBeforeQuit(app, work, { log, maxWaitMs: 5 });
    work.track(heldWork().promise, 'a sign-out nobody answers');
    quit();
    await quitted;
    expect(log.text()).toMatch(/background work did not finish in time; quitting anyway/);
  });

  it('in a meeting: the quit prompt asks first, and the pending sign-out is waited for after leaving', async () => {
    const { app, quit, quitted, hasQuit } = fakeApp();
    const log = createMemoryLogger();
    const presence = createPresenceStore();
    presence.set({ inMeeting: true, sharingScreen: false, meetingCode: 'abc-defg-hij', participantCount: 2 });
    const asked: string[] = [];
    setupQuitPrompt({
      app,
      updater: new EventEmitter(),
      presence,
      hasWindow: () => true,
      ask: async (prompt) => {
        asked.push(prompt.message);
        return prompt.buttons.find((button) => button.answer === 'leave-and-quit')?.answer ?? prompt.cancelAnswer;
      },
      sendCommand: () => queueMicrotask(() => presence.set(NOT_IN_MEETING)),
      log,
    });
    const work = createPendingWork(log);
    waitBeforeQuit(app, work, { log });
    const signOut = heldWork();
    work.track(signOut.promise, 'revoking a sign-in');
    quit();
    await expect.poll(() => presence.get().inMeeting).toBe(false);
    await turn();
    expect(asked).toHaveLength(1);
    expect(hasQuit()).toBe(false);
    signOut.finish();
    await quitted;
    expect(asked).toHaveLength(1);
  });

  it('a quit made another way (thenQuit) shares the wait: one wait, then its own before-quit goes through', async () => {
    const { app, quitted, quits } = fakeApp();
    const log = createMemoryLogger();
    const work = createPendingWork(log);
    let waits = 0;
    const quitWait = waitBeforeQuit(
      app,
      { busy: () => work.busy(), settled: (ms) => ((waits += 1), work.settled(ms)) },
      { log },
    );
    const signOut = heldWork();
    work.track(signOut.promise, 'telling the server about the sign-out');
    app.quit(); // Cmd+Q, held
    const installed = quitWait.thenQuit(() => (app.quit(), true)); // "Restart to Update" during the same wait
    signOut.finish();
    await Promise.all([quitted, installed]);
    expect(waits).toBe(1);
    expect(quits()).toBe(3);
  });

  it('a quit that did not happen (refused, or threw) puts the wait back for the next quit', async () => {
    const { app, quit, quitted, hasQuit } = fakeApp();
    const log = createMemoryLogger();
    const work = createPendingWork(log);
    const quitWait = waitBeforeQuit(app, work, { log });
    await quitWait.thenQuit(() => false);
    await expect(
      quitWait.thenQuit(() => {
        throw new Error('the installer is missing');
      }),
    ).rejects.toThrow('the installer is missing');
    await quitWaitsForSignOut(work, { quit, quitted, hasQuit });
  });

  it('once a quit went through, a refused one made in the same wait does not hold the app again', async () => {
    const { app, quit, quitted } = fakeApp();
    const log = createMemoryLogger();
    const work = createPendingWork(log);
    const quitWait = waitBeforeQuit(app, work, { log });
    const signOut = heldWork();
    work.track(signOut.promise, 'telling the server about the sign-out');
    quit();
    const refused = quitWait.thenQuit(() => false);
    signOut.finish();
    await Promise.all([quitted, refused]);
    work.track(heldWork().promise, 'a sign-out made while quitting');
    let held = false;
    app.on('before-quit', (event: Electron.Event) => void (held = event.defaultPrevented));
    quit(); // Electron's window-all-closed quits again while the app is going
    expect(held).toBe(false);
  });

  it('a held quit that the quit prompt then stops (Cancel) did not happen: the next quit waits for sign-outs again', async () => {
    const { app, quit, quitted, hasQuit } = fakeApp();
    const log = createMemoryLogger();
    const work = createPendingWork(log);
    // Registered before the prompt: the prompt judges the quit this wait lets through.
    waitBeforeQuit(app, work, { log });
    const prompt = cancellingPrompt(app, log);
    prompt.presence.set(IN_MEETING);
    const first = heldWork();
    work.track(first.promise, 'revoking a sign-in');
    quit(); // held for the sign-out, and asked about: Cancel
    first.finish();
    await expect.poll(() => prompt.asked).toBe(2); // the quit let through after the wait is asked about again: Cancel
    expect(hasQuit()).toBe(false);

    prompt.presence.set(NOT_IN_MEETING); // the person leaves the meeting, signs out again and quits
    await quitWaitsForSignOut(work, { quit, quitted, hasQuit });
  });

  it('a meeting joined while a quit waits for a sign-out asks before the quit goes on, and Cancel keeps the app', async () => {
    const { app, quit, quitted, hasQuit } = fakeApp();
    const log = createMemoryLogger();
    // As the app sets them up: the prompt first, then quitting's wait.
    const prompt = cancellingPrompt(app, log);
    const work = createPendingWork(log);
    waitBeforeQuit(app, work, { log });
    const first = heldWork();
    work.track(first.promise, 'revoking a sign-in');
    quit(); // not in a meeting: nothing to ask; held for the sign-out
    await turn();
    prompt.presence.set(IN_MEETING);
    first.finish();
    await expect.poll(() => prompt.asked).toBe(1); // the quit comes again: asked, Cancel
    expect(hasQuit()).toBe(false);

    prompt.presence.set(NOT_IN_MEETING); // later, out of the meeting, with a sign-out on its way: the quit waits again
    await quitWaitsForSignOut(work, { quit, quitted, hasQuit });
  });
});

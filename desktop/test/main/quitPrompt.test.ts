import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { unprotectedStoragePrompt } from '../../src/main/auth/storagePrompt.js';
import { closePrompt, quitPrompt } from '../../src/main/meeting/closePolicy.js';
import { leaveMeeting } from '../../src/main/meeting/leaveMeeting.js';
import { createPresenceStore, NOT_IN_MEETING, type PresenceStore } from '../../src/main/meeting/PresenceStore.js';
import { setupQuitPrompt } from '../../src/main/meeting/setupQuitPrompt.js';
import { answerOf, toMessageBoxOptions, type Ask, type Prompt } from '../../src/main/prompts/Prompt.js';
import { replacesPage } from '../../src/main/windows/onPageGone.js';
import type { ShellCommand } from '../../src/shared/ipcSchemas.js';
import { fakeApp } from './support/fakeApp.js';
import { createMemoryLogger } from './support/memoryLogger.js';

const IN_MEETING = { inMeeting: true, sharingScreen: false, meetingCode: 'abc-defg-hij', participantCount: 3 };

/** A page that obeys the shell's commands the way the renderer does: leave-meeting ends its meeting. */
function obedientPage(presence: PresenceStore) {
  const commands: ShellCommand[] = [];
  return {
    commands,
    sendCommand: (command: ShellCommand) => {
      commands.push(command);
      if (command === 'leave-meeting') queueMicrotask(() => presence.set(NOT_IN_MEETING));
    },
  };
}

function quitSetup(answer: 'leave-and-quit' | 'cancel', page: 'obeys' | 'ignores', leaveWaitMs = 60_000) {
  const presence = createPresenceStore();
  presence.set(IN_MEETING);
  const obedient = obedientPage(presence);
  const ignored: ShellCommand[] = [];
  const prompts: Array<Prompt<string>> = [];
  const ask: Ask = async (prompt) => {
    prompts.push(prompt);
    return prompt.buttons.find((button) => button.answer === answer)?.answer ?? prompt.cancelAnswer;
  };
  const { app, quit, quitted } = fakeApp();
  const log = createMemoryLogger();
  const setup = setupQuitPrompt({
    app,
    updater: new EventEmitter(),
    presence,
    hasWindow: () => true,
    ask,
    sendCommand: page === 'obeys' ? obedient.sendCommand : (command) => void ignored.push(command),
    leaveWaitMs,
    log,
  });
  return { presence, commands: page === 'obeys' ? obedient.commands : ignored, prompts, quit, quitted, setup, log };
}

describe('quitting during a meeting', () => {
  it('tells the page to leave, waits until it has left, then quits', async () => {
    const { quit, quitted, commands, presence, prompts, setup } = quitSetup('leave-and-quit', 'obeys');
    quit();
    await quitted;
    expect(prompts).toEqual([quitPrompt()]);
    expect(commands).toEqual(['leave-meeting']);
    expect(presence.get().inMeeting).toBe(false);
    expect(setup.isQuitting()).toBe(true);
  });

  it('quits anyway when the page never answers, after the bounded wait', async () => {
    const { quit, quitted, commands, log } = quitSetup('leave-and-quit', 'ignores', 5);
    quit();
    await quitted;
    expect(commands).toEqual(['leave-meeting']);
    expect(log.text()).toMatch(/did not end in time/);
  });

  it('stays in the meeting on Cancel, and asks only once for repeated Cmd+Q', async () => {
    const { quit, commands, presence, prompts, setup } = quitSetup('cancel', 'obeys');
    quit();
    quit();
    await new Promise((resolve) => setImmediate(resolve));
    expect(prompts).toHaveLength(1);
    expect(commands).toEqual([]);
    expect(presence.get().inMeeting).toBe(true);
    expect(setup.isQuitting()).toBe(false);
  });
});

describe('leaving before the window closes', () => {
  it('resolves at once when not in a meeting, without sending anything', async () => {
    const presence = createPresenceStore();
    const sent: ShellCommand[] = [];
    expect(await leaveMeeting({ presence, sendCommand: (command) => void sent.push(command) })).toBe(true);
    expect(sent).toEqual([]);
  });
});

describe('the shell\u2019s prompts', () => {
  it.each<[string, Prompt<string>, string, string]>([
    ['closing in a meeting', closePrompt(), 'Leave meeting', 'Cancel'],
    ['quitting in a meeting', quitPrompt(), 'Leave Meeting and Quit', 'Cancel'],
    [
      'an unprotected sign-in (no keyring)',
      unprotectedStoragePrompt('basic-text'),
      'Sign Me In Each Time',
      'Sign Me In Each Time',
    ],
  ])('%s: Enter and Escape pick the safe buttons', (_name, prompt, enter, escape) => {
    const options = toMessageBoxOptions(prompt);
    expect(options.buttons?.[options.defaultId ?? -1]).toBe(enter);
    expect(options.buttons?.[options.cancelId ?? -1]).toBe(escape);
    expect(answerOf(prompt, 99)).toBe(prompt.cancelAnswer);
  });

  it('names the missing keyring only when that is the reason', () => {
    expect(unprotectedStoragePrompt('basic-text').detail).toMatch(/keyring/);
    expect(unprotectedStoragePrompt('unavailable').detail).not.toMatch(/keyring/);
  });
});

describe('which navigations replace the page', () => {
  it.each([
    [{ isMainFrame: true, isSameDocument: false }, true],
    [{ isMainFrame: true, isSameDocument: true }, false],
    [{ isMainFrame: false, isSameDocument: false }, false],
  ])('%o -> %s', (details, expected) => {
    expect(replacesPage(details)).toBe(expected);
  });
});

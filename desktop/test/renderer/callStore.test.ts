import type { Meeting, Participant } from '@wava/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CallStore } from '../../src/renderer/call/callStore.js';
import { runShellCommand, type CallControls } from '../../src/renderer/call/runShellCommand.js';
import type { MeetingPresence, ShellCommand } from '../../src/renderer/platform/Platform.js';

const meeting: Meeting = {
  code: 'abc-defg-hij',
  title: '',
  hostId: 'u1',
  hostDisplayName: 'Ada',
  createdAt: '2026-01-01T10:00:00.000Z',
  endedAt: null,
  inviteUrl: 'https://meet.example.com/j/abc-defg-hij',
};
const self: Participant = {
  peerId: 'p-self',
  userId: 'u1',
  displayName: 'Ada',
  media: { audio: true, video: true, screen: false },
  joinedAt: '2026-01-01T10:00:00.000Z',
  role: 'participant',
};
const bob: Participant = { ...self, peerId: 'p-bob', userId: 'u2', displayName: 'Bob' };

describe('CallStore', () => {
  it('tells listeners about every change, the shell only when its presence changes', () => {
    const presence: MeetingPresence[] = [];
    const store = new CallStore((p) => presence.push(p));
    const listener = vi.fn();
    const unsubscribe = store.subscribe(listener);
    expect(store.active).toBe(false);

    store.dispatch({ type: 'join-started', local: { audio: true, video: true, screen: false } });
    store.dispatch({ type: 'joined', meeting, self, participants: [] });
    store.dispatch({ type: 'participant-updated', participant: { ...self, media: { ...self.media, audio: false } } });
    store.dispatch({ type: 'participant-joined', participant: bob });
    store.dispatch({ type: 'error', problem: null }); // no change: nobody is told
    expect(store.active).toBe(true);
    expect(listener).toHaveBeenCalledTimes(4);
    expect(store.getSnapshot()).toBe(store.state);
    expect(presence.map((p) => [p.inMeeting, p.participantCount])).toEqual([
      [false, 0],
      [true, 1],
      [true, 2],
    ]);

    unsubscribe();
    store.dispatch({ type: 'left' });
    expect(listener).toHaveBeenCalledTimes(4);
    expect(store.active).toBe(false);
    expect(presence.at(-1)?.inMeeting).toBe(false);
  });
});

describe('CallStore held while a call is set up', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function joinedStore() {
    const store = new CallStore(() => undefined);
    store.dispatch({ type: 'join-started', local: { audio: true, video: true, screen: false } });
    const listener = vi.fn();
    store.subscribe(listener);
    return { store, listener };
  }

  it('tells listeners once, in a task of its own, after the last hold lets go; the snapshot is current throughout', async () => {
    const { store, listener } = joinedStore();
    const shown = vi.fn();
    const releaseJoin = store.hold(400);
    const releaseCall = store.hold(400);
    store.whenReleased(shown);
    store.dispatch({ type: 'joined', meeting, self, participants: [bob] });
    store.dispatch({ type: 'participant-joined', participant: { ...bob, peerId: 'p-carol', displayName: 'Carol' } });
    expect(store.getSnapshot().remotes).toHaveLength(2);
    releaseJoin();
    releaseJoin(); // twice does nothing
    await vi.advanceTimersByTimeAsync(0);
    expect(listener).not.toHaveBeenCalled();
    expect(shown).not.toHaveBeenCalled();
    releaseCall();
    expect(listener).not.toHaveBeenCalled(); // not inside the call's own event: its next step goes first
    await vi.advanceTimersByTimeAsync(0);
    expect(listener).toHaveBeenCalledTimes(1);
    expect(shown).toHaveBeenCalledTimes(1);
    store.whenReleased(shown);
    expect(shown).toHaveBeenCalledTimes(2); // nothing holds it: at once
  });

  it('lets go by itself after its time even when the call never connects', async () => {
    const { store, listener } = joinedStore();
    store.hold(400);
    store.dispatch({ type: 'joined', meeting, self, participants: [bob] });
    await vi.advanceTimersByTimeAsync(399);
    expect(listener).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('holds that keep overlapping (someone joining and leaving again and again) let listeners hear every 400 ms', async () => {
    const { store, listener } = joinedStore();
    let release = store.hold(400);
    for (let i = 0; i < 10; i += 1) {
      const next = store.hold(400); // the next unknown participant, before the previous call is set up
      release();
      release = next;
      store.dispatch({ type: 'participant-joined', participant: { ...bob, peerId: `p-${i}`, displayName: `P${i}` } });
      await vi.advanceTimersByTimeAsync(300);
      // However long the holds go on, what listeners saw is never more than one period behind.
      if (i >= 1) expect(listener).toHaveBeenCalled();
    }
    expect(listener.mock.calls.length).toBeGreaterThanOrEqual(7); // 3 s of churn, heard at least every 400 ms
    const seen = listener.mock.calls.length;
    store.dispatch({ type: 'participant-left', peerId: 'p-9' });
    await vi.advanceTimersByTimeAsync(400);
    expect(listener.mock.calls.length).toBe(seen + 1);
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(listener.mock.calls.length).toBe(seen + 1); // nothing new to tell once it ends
  });

  it('tells at once what the person did, errors and the end of the meeting', () => {
    const { store, listener } = joinedStore();
    store.hold(400);
    store.dispatch({ type: 'joined', meeting, self, participants: [] });
    expect(listener).toHaveBeenCalledTimes(0);
    store.dispatch({ type: 'local-changed', local: { audio: false } });
    expect(listener).toHaveBeenCalledTimes(1);
    store.dispatch({ type: 'error', problem: { type: 'server', code: 'INTERNAL' } });
    expect(listener).toHaveBeenCalledTimes(2);
    store.dispatch({ type: 'left' });
    expect(listener).toHaveBeenCalledTimes(3);
  });
});

describe('runShellCommand', () => {
  it.each<[ShellCommand, keyof CallControls]>([
    ['toggle-microphone', 'toggleMicrophone'],
    ['toggle-camera', 'toggleCamera'],
    ['toggle-screen-share', 'toggleScreenShare'],
    ['leave-meeting', 'leave'],
  ])('%s calls %s and nothing else', (command, method) => {
    const calls: string[] = [];
    const controls: CallControls = {
      toggleMicrophone: () => calls.push('toggleMicrophone'),
      toggleCamera: () => calls.push('toggleCamera'),
      toggleScreenShare: () => calls.push('toggleScreenShare'),
      leave: () => calls.push('leave'),
    };
    runShellCommand(command, controls);
    expect(calls).toEqual([method]);
  });

  it('is exhaustive: an unknown command is a bug', () => {
    const noop = () => undefined;
    const controls = { toggleMicrophone: noop, toggleCamera: noop, toggleScreenShare: noop, leave: noop };
    expect(() => runShellCommand('reboot' as ShellCommand, controls)).toThrow(/Unhandled case/);
  });
});

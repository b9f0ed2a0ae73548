import type { Meeting, Participant } from '@wava/protocol';
import { describe, expect, it, vi } from 'vitest';
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

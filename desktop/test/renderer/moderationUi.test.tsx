import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { DEFAULT_MEETING_SETTINGS, type MeetingControls, type MeetingRole } from '@wava/protocol';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ModerationState, PersonAction } from '../../src/renderer/call/moderationStore.js';
import { RoomLink } from '../../src/renderer/call/roomLink.js';
import { ControlBar } from '../../src/renderer/features/meeting/ControlBar.js';
import { ChatPanel } from '../../src/renderer/features/room/ChatPanel.js';
import { RoomStore } from '../../src/renderer/features/room/roomStore.js';
import {
  moderationAnnouncements,
  moderationSentence,
} from '../../src/renderer/features/moderation/moderationAnnouncement.js';
import { personActions, type ActingOn } from '../../src/renderer/features/moderation/personActions.js';
import { PersonMenu } from '../../src/renderer/features/moderation/PersonMenu.js';
import { settingsChange, draftOf } from '../../src/renderer/features/moderation/settingsChange.js';
import { renderWithTheme } from './renderWithTheme.js';
import { sharePhaseSource } from './support/controlBarProps.js';

const on = { audio: true, video: true, screen: false };
const person = (change: Partial<ActingOn> = {}): ActingOn => ({
  role: 'participant',
  media: on,
  creator: false,
  self: false,
  ...change,
});

describe('the host powers offered on one person', () => {
  it.each<[string, MeetingRole | null, ActingOn, PersonAction[]]>([
    ['nothing for a participant', 'participant', person(), []],
    ['nothing before the controls arrive', null, person(), []],
    ['nothing on oneself', 'host', person({ self: true }), []],
    [
      'the host on a participant speaking on camera',
      'host',
      person(),
      ['mute', 'stopVideo', 'makeCoHost', 'handOver', 'remove'],
    ],
    [
      'the host on a muted co-host presenting with the camera off',
      'host',
      person({ role: 'co-host', media: { audio: false, video: false, screen: true } }),
      ['askUnmute', 'stopScreen', 'unmakeCoHost', 'handOver', 'remove'],
    ],
    ['a co-host on a participant: no hand-over', 'co-host', person(), ['mute', 'stopVideo', 'makeCoHost', 'remove']],
    ['a co-host on the host: mute and camera only', 'co-host', person({ role: 'host' }), ['mute', 'stopVideo']],
    [
      'the host on the meeting’s creator (hosting passed on): never remove',
      'host',
      person({ role: 'co-host', creator: true }),
      ['mute', 'stopVideo', 'unmakeCoHost', 'handOver'],
    ],
  ])('%s', (_case, role, target, expected) => {
    expect(personActions(role, target)).toEqual(expected);
  });
});

const controls = (change: Partial<MeetingControls> = {}): MeetingControls => ({
  title: 'Standup',
  hostUserId: 'u-ada',
  coHostUserIds: [],
  locked: false,
  settings: DEFAULT_MEETING_SETTINGS,
  ...change,
});
const EMPTY: ModerationState = { controls: null, notice: null, unmuteAsk: null, hostPassed: null, removed: null };
const names: Record<string, string> = { 'u-ada': 'Ada', 'u-bob': 'Bob', 'u-cy': 'Cy' };
const nameOf = (userId: string) => names[userId] ?? '';

describe('what the live region says about the host’s powers', () => {
  const bob = { peerId: 'p-bob', displayName: 'Bob' };
  const arrived = { ...EMPTY, controls: controls() };
  it.each<[string, ModerationState, ModerationState, string | null]>([
    ['nothing for the controls found on arrival', EMPTY, arrived, null],
    [
      'who muted us',
      arrived,
      { ...arrived, notice: { id: 1, action: 'muted', by: bob } },
      'Bob muted your microphone.',
    ],
    [
      'the ask to unmute',
      arrived,
      { ...arrived, unmuteAsk: { id: 2, by: bob } },
      'Bob asks you to unmute your microphone.',
    ],
    [
      'who hosts now',
      arrived,
      { ...arrived, controls: controls({ hostUserId: 'u-bob' }), hostPassed: { id: 3, userId: 'u-bob' } },
      'Bob is the host now.',
    ],
    [
      'who hosts now, someone no longer here',
      arrived,
      { ...arrived, controls: controls({ hostUserId: 'u-gone' }), hostPassed: { id: 3, userId: 'u-gone' } },
      'Someone is the host now.',
    ],
    [
      'that we host now',
      { ...arrived, controls: controls({ hostUserId: 'u-bob' }) },
      { ...arrived, hostPassed: { id: 3, userId: 'u-ada' } },
      'You are the host now.',
    ],
    [
      'that we became a co-host',
      { ...arrived, controls: controls({ hostUserId: 'u-bob' }) },
      { ...arrived, controls: controls({ hostUserId: 'u-bob', coHostUserIds: ['u-ada'] }) },
      'You are a co-host now.',
    ],
    [
      'the lock',
      arrived,
      { ...arrived, controls: controls({ locked: true }) },
      'The meeting is locked. Nobody new can join.',
    ],
    [
      'nothing for a settings change that is not ours to hear',
      arrived,
      { ...arrived, controls: controls({ title: 'x' }) },
      null,
    ],
  ])('%s', (_case, before, after, expected) => {
    const said = moderationAnnouncements(before, after, 'u-ada', nameOf);
    expect(said.length > 0 ? said.map(moderationSentence).join(' ') : null).toBe(expected);
  });
});

describe('the settings sent', () => {
  it('only what changed, the title trimmed; nothing when nothing did', () => {
    const now = controls();
    expect(settingsChange(now, draftOf(now))).toBeNull();
    expect(settingsChange(now, { ...draftOf(now), title: '  Retro ', unmute: 'hosts' })).toEqual({
      title: 'Retro',
      unmute: 'hosts',
    });
  });
});

describe('the host’s menu for one person', () => {
  afterEach(cleanup);

  function renderMenu(actions: PersonAction[] = ['mute', 'stopVideo', 'remove']) {
    const onAct = vi.fn(async (action: PersonAction) =>
      action === 'stopVideo' ? { code: 'PARTICIPANT_NOT_FOUND' as const } : null,
    );
    const onResult = vi.fn();
    renderWithTheme(<PersonMenu name="Bob" actions={actions} onAct={onAct} onResult={onResult} />);
    return { onAct, onResult, trigger: screen.getByRole('button', { name: 'Actions for Bob' }) };
  }

  it('opens with the arrow key, moves with arrows, and Escape closes it with focus back on its button', () => {
    const { trigger } = renderMenu();
    trigger.focus();
    fireEvent.keyDown(trigger, { key: 'ArrowDown' });
    const items = screen.getAllByRole('menuitem');
    expect(items.map((item) => item.textContent)).toEqual(['Mute', 'Stop camera', 'Remove from meeting']);
    expect(document.activeElement).toBe(items[0]);
    fireEvent.keyDown(items[0] as HTMLElement, { key: 'ArrowUp' });
    expect(document.activeElement).toBe(items[2]);
    fireEvent.keyDown(items[2] as HTMLElement, { key: 'Escape' });
    expect(screen.queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(trigger);
  });

  it('a power without a question is carried out at once; a refusal comes back as its code', async () => {
    const { trigger, onAct, onResult } = renderMenu();
    fireEvent.click(trigger);
    await act(async () => fireEvent.click(screen.getByRole('menuitem', { name: 'Stop camera' })));
    expect(onAct).toHaveBeenCalledWith('stopVideo');
    expect(onResult).toHaveBeenCalledWith({ code: 'PARTICIPANT_NOT_FOUND' }, 'stopVideo');
  });

  it('remove asks first: Cancel does nothing and focus returns; Remove carries it out', async () => {
    const { trigger, onAct } = renderMenu();
    fireEvent.click(trigger);
    fireEvent.click(screen.getByRole('menuitem', { name: 'Remove from meeting' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Remove Bob?' });
    expect(dialog.textContent).toContain('cannot rejoin unless a host allows them back');
    expect(document.activeElement).toBe(screen.getByTestId('confirm-remove-cancel'));
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.queryByRole('alertdialog')).toBeNull();
    await act(async () => undefined);
    expect(document.activeElement).toBe(trigger);
    expect(onAct).not.toHaveBeenCalled();

    fireEvent.click(trigger);
    fireEvent.click(screen.getByRole('menuitem', { name: 'Remove from meeting' }));
    await act(async () => fireEvent.click(screen.getByTestId('confirm-remove-confirm')));
    expect(onAct).toHaveBeenCalledWith('remove');
  });

  it('is not there without powers', () => {
    renderWithTheme(<PersonMenu name="Bob" actions={[]} onAct={vi.fn()} onResult={vi.fn()} />);
    expect(screen.queryByRole('button')).toBeNull();
  });
});

describe('controls the meeting settings keep off', () => {
  afterEach(cleanup);

  it('the microphone and screen share say why, stay focusable, and a press still reaches the call (which refuses)', () => {
    const onToggleMicrophone = vi.fn();
    renderWithTheme(
      <ControlBar
        audio={false}
        video
        share={sharePhaseSource()}
        canShare
        refusals={{ microphone: 'The host controls microphones.', share: 'Only hosts share.' }}
        onToggleMicrophone={onToggleMicrophone}
        onToggleCamera={vi.fn()}
        onToggleShare={vi.fn()}
        onLeave={vi.fn()}
      />,
    );
    const mic = screen.getByTestId('toggle-mic') as HTMLButtonElement;
    const share = screen.getByTestId('toggle-share') as HTMLButtonElement;
    expect([mic.getAttribute('aria-disabled'), mic.disabled, mic.title]).toEqual([
      'true',
      false,
      'The host controls microphones. (Ctrl+Shift+M)',
    ]);
    expect([share.getAttribute('aria-disabled'), share.title]).toEqual(['true', 'Only hosts share.']);
    fireEvent.click(mic);
    expect(onToggleMicrophone).toHaveBeenCalledTimes(1);
  });
});

describe('the chat where only hosts may write to everyone', () => {
  afterEach(cleanup);

  it('Send is off with the sentence for a message to everyone, and on again for a private message to a host', () => {
    const link = new RoomLink({ request: vi.fn(), onServer: () => undefined });
    const room = new RoomStore(link);
    const sentence = 'The host has turned chat off for participants. You can still write privately to a host.';
    renderWithTheme(
      <ChatPanel
        room={room}
        state={room.getSnapshot()}
        selfPeerId="p-ada"
        others={[
          { peerId: 'p-bob', displayName: 'Bob' },
          { peerId: 'p-cy', displayName: 'Cy' },
        ]}
        isHost={false}
        refusal={(to) => (to === 'p-bob' ? null : sentence)}
        onClose={vi.fn()}
      />,
    );
    fireEvent.change(screen.getByTestId('chat-input'), { target: { value: 'Hello' } });
    const send = screen.getByTestId('chat-send') as HTMLButtonElement;
    expect([send.disabled, screen.getByTestId('chat-refused').textContent]).toEqual([true, sentence]);
    fireEvent.change(screen.getByTestId('chat-recipient'), { target: { value: 'p-bob' } });
    expect([send.disabled, screen.queryByTestId('chat-refused')]).toEqual([false, null]);
  });
});

import { act, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MeetingScreen } from '../../../src/renderer/features/meeting/MeetingScreen.js';
import { applyLanguage } from '../../../src/renderer/i18n/applyLanguage.js';
import { renderWithTheme } from '../renderWithTheme.js';
import { createTestMeetingClient } from '../support/createTestMeetingClient.js';
import { bobsMeetingControls, fakePlatform, participant } from '../support/meetingDoubles.js';
import { useMeetingScreenEnvironment } from '../support/useMeetingScreenEnvironment.js';

/** Bob (user-b-peer) hosts and Ada (user-a-peer) is his co-host. */
const controls = (locked: boolean) => bobsMeetingControls({ coHostUserIds: ['user-a-peer'], locked });
const bob = { peerId: 'b-peer', displayName: 'Bob' };

/** Lets the call core's events and the renders they cause run (`ms`: past the hold while a new call is set up). */
const settle = (ms = 0) =>
  act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });

/** Ada in Bob's meeting, on her meeting screen, her Peer open; every system notification she is shown in `shown`. */
async function adaInMeeting() {
  const platform = fakePlatform();
  const shown: Array<[title: string, body: string]> = [];
  platform.notify = (title, body) => void shown.push([title, body]);
  const { client, server, peers } = await createTestMeetingClient({ platform });
  // The server answers our own host powers (the shared fake leaves the room's requests unanswered).
  const usual = server.request.bind(server);
  server.request = ((event, payload) =>
    event === 'moderation:muteAll'
      ? Promise.resolve({ ok: true, data: null })
      : usual(event, payload as never)) as typeof server.request;
  client.join();
  await vi.advanceTimersByTimeAsync(0);
  peers[0]?.openNow();
  await vi.advanceTimersByTimeAsync(0);
  server.send('moderation:state', controls(false));
  renderWithTheme(<MeetingScreen client={client} platform="web" />);
  await settle();
  return { client, server, shown, live: () => screen.getByTestId('meeting-announcer').textContent };
}

// A whole meeting screen per test: the file's first render in jsdom took 14 to 21 s here at load 12 to 20 (the
// renderer project's 20 s is for smaller trees).
describe('what the live region holds follows a language switch', { timeout: 60_000 }, () => {
  // Registered first, so it runs last: once the screen is unmounted.
  afterEach(() => {
    applyLanguage('en');
  });
  useMeetingScreenEnvironment();

  it('someone knocking', async () => {
    const { client, server, live } = await adaInMeeting();
    server.send('lobby:queue', {
      knockers: [{ id: 'k1', displayName: 'Gina', guest: true, knockedAt: '2025-01-01T10:05:00.000Z' }],
    });
    await settle();
    expect(live()).toBe('Gina, a guest, is waiting to join.');
    act(() => applyLanguage('ko'));
    expect(live()).toBe('게스트 Gina 님이 입장을 기다리고 있습니다.');
    client.leave();
  });

  it('a host muting us, then the lock', async () => {
    const { client, server, live } = await adaInMeeting();
    // News arriving in Korean is said in Korean, and in English after a switch.
    act(() => applyLanguage('ko'));
    server.send('moderation:action', { action: 'muted', by: bob });
    await settle();
    expect(live()).toBe('Bob님이 내 마이크를 음소거했습니다.');
    act(() => applyLanguage('en'));
    expect(live()).toBe('Bob muted your microphone.');

    server.send('moderation:state', controls(true));
    await settle();
    expect(live()).toBe('The meeting is locked. Nobody new can join.');
    act(() => applyLanguage('ko'));
    expect(live()).toBe('회의가 잠겼습니다. 새로운 사람은 참여할 수 없습니다.');
    client.leave();
  });

  it('what our own power did, once the server agreed', async () => {
    const { client, live } = await adaInMeeting();
    // Ada mutes everyone from the participants list.
    fireEvent.click(screen.getByTestId('toggle-participants'));
    fireEvent.click(screen.getByTestId('mute-all'));
    await settle();
    expect(live()).toBe('Everyone except the host and co-hosts is muted.');
    act(() => applyLanguage('ko'));
    expect(live()).toBe('호스트와 공동 호스트를 제외한 모든 사람이 음소거되었습니다.');
    client.leave();
  });

  it('the meeting’s own news: someone joining', async () => {
    const { client, server, live } = await adaInMeeting();
    server.send('participant:joined', participant('c-peer', 'Cy'));
    await settle(1_000);
    expect(live()).toBe('Cy joined the meeting.');
    act(() => applyLanguage('ko'));
    expect(live()).toBe('Cy 님이 회의에 참여했습니다.');
    client.leave();
  });

  it('news no longer current is not read out again after a switch; what comes next is said in the new language', async () => {
    const { client, server, live } = await adaInMeeting();
    server.send('participant:joined', participant('c-peer', 'Cy'));
    await settle(1_000);
    expect(live()).toBe('Cy joined the meeting.');
    // Once its banner has gone, the region holds it no more: the switch has nothing old to say again.
    await settle(5_000);
    expect(live()).toBe('');
    act(() => applyLanguage('ko'));
    expect(live()).toBe('');

    // The same for another feature's sentence (the lock).
    server.send('moderation:state', controls(true));
    await settle();
    expect(live()).toBe('회의가 잠겼습니다. 새로운 사람은 참여할 수 없습니다.');
    await settle(5_000);
    act(() => applyLanguage('en'));
    expect(live()).toBe('');
    server.send('moderation:state', controls(false));
    await settle();
    expect(live()).toBe('The meeting is unlocked.');
    client.leave();
  });

  it('system notifications are written from the catalog in the language shown when they appear', async () => {
    const { client, server, shown } = await adaInMeeting();
    act(() => applyLanguage('ko'));
    server.send('participant:joined', participant('c-peer', 'Cy'));
    server.send('hand:changed', { hands: [{ peerId: 'b-peer', raisedAt: '2025-01-01T10:06:00.000Z' }] });
    await settle(1_000);
    act(() => applyLanguage('en'));
    server.send('participant:left', { peerId: 'c-peer', reason: 'left' });
    await settle();
    expect(shown).toEqual([
      ['Cy 님이 참여했습니다', '회의 abc-defg-hij'],
      ['Bob님이 손을 들었습니다', '회의 abc-defg-hij'],
      ['Cy left', 'Meeting abc-defg-hij'],
    ]);
    client.leave();
  });
});

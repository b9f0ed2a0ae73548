import type { ChatHistory, ChatMessage, Hands, JoinResult, Reaction } from '@wava/protocol';
import { describe, expect, it } from 'vitest';
import { newMeeting } from './support/meetings.js';
import {
  connectSocket,
  enterRecording,
  joined,
  recordEvents,
  request,
  roundTrip,
  type ClientSocket,
  type SeatedPerson,
} from './support/sockets.js';
import type { TestServer } from './support/startTestServer.js';
import { createTestClock } from './support/testClock.js';
import type { TestUser } from './support/users.js';
import { useServerWithUsers } from './support/useServerWithUsers.js';

const ROOM_EVENTS = ['chat:message', 'chat:history', 'chat:cleared', 'hand:changed', 'reaction'];

type Person = SeatedPerson;

describe('chat, raised hands and reactions', () => {
  const clock = createTestClock();
  let server: TestServer;
  let host: TestUser;
  let guest: TestUser;
  let third: TestUser;
  useServerWithUsers(
    { now: clock.now, env: { WAVA_MAX_PARTICIPANTS: '4' } },
    ['Host', 'Guest', 'Third'],
    (started, users) => {
      server = started;
      [host, guest, third] = users;
    },
  );

  /** Connects, joins and opens the PeerJS websocket: a ready seat, recording every room event from the start. */
  const enter = (user: TestUser, code: string): Promise<Person> =>
    enterRecording(server.url, user.session.accessToken, code, ROOM_EVENTS);

  const events = (person: Person, event: string) =>
    person.seen.filter((entry) => entry.event === event).map((entry) => entry.payload);

  async function send<T>(person: Person | ClientSocket, event: string, payload: unknown = {}) {
    const socket = 'socket' in person ? person.socket : person;
    return request<T>(socket, event, payload);
  }

  /** Lets every event already sent arrive. */
  const settle = (...people: Person[]) => Promise.all(people.map((p) => roundTrip(p.socket)));

  it('a message to everyone reaches every ready seat of the meeting, and nobody else', async () => {
    const code = await newMeeting(server.api, host);
    const otherCode = await newMeeting(server.api, third);
    const [a, b] = [await enter(host, code), await enter(guest, code)];
    const elsewhere = await enter(third, otherCode);
    // A seat of this meeting whose PeerJS websocket never opened.
    const unreadySocket = await connectSocket(server.url, third.session.accessToken);
    const unreadySeen = recordEvents(unreadySocket, ROOM_EVENTS);
    await joined(unreadySocket, code);

    const ack = await send<ChatMessage>(a, 'chat:send', { text: '  Hello <b>all</b> https://example.com  ' });
    expect(ack.ok).toBe(true);
    if (!ack.ok) return;
    expect(ack.data).toMatchObject({
      from: { peerId: a.join.self.peerId, displayName: 'Host' },
      to: null,
      text: 'Hello <b>all</b> https://example.com',
    });
    await expect.poll(() => events(b, 'chat:message')).toEqual([ack.data]);
    await settle(a, b, elsewhere);
    await roundTrip(unreadySocket);
    expect(events(a, 'chat:message')).toEqual([]);
    expect(events(elsewhere, 'chat:message')).toEqual([]);
    expect(unreadySeen).toEqual([]);

    // The unready seat may not write, nor read the history, nor react.
    for (const [event, payload] of [
      ['chat:send', { text: 'hi' }],
      ['chat:history', {}],
      ['hand:raise', {}],
      ['reaction:send', { emoji: '👍' }],
    ] as const) {
      const refused = await send(unreadySocket, event, payload);
      expect(refused).toMatchObject({ ok: false, error: { code: 'NOT_IN_MEETING' } });
    }
  });

  it('refuses empty, oversized and direction-faking messages with a sentence, and keeps nothing of them', async () => {
    const code = await newMeeting(server.api, host);
    const [a, b] = [await enter(host, code), await enter(guest, code)];
    for (const text of ['', '   \n\t ', 'x'.repeat(2001), 42]) {
      const ack = await send(a, 'chat:send', { text });
      expect(ack).toMatchObject({ ok: false, error: { code: 'CHAT_MESSAGE_INVALID', message: expect.any(String) } });
    }
    // A right-to-left override would show this link as "https://example.com/exe.jpg".
    const faked = await send(a, 'chat:send', { text: 'https://example.com/\u202Egpj.exe' });
    expect(faked).toMatchObject({ ok: false, error: { code: 'CHAT_MESSAGE_CHARACTERS', message: expect.any(String) } });
    expect(await send(a, 'chat:send', { text: 'x'.repeat(2000) })).toMatchObject({ ok: true });
    const history = await send<ChatHistory>(b, 'chat:history');
    expect(history.ok && history.data.messages.map((m) => m.text.length)).toEqual([2000]);
  });

  it('a private message goes to its recipient only; its history is theirs and the sender’s only', async () => {
    const code = await newMeeting(server.api, host);
    const [a, b, c] = [await enter(host, code), await enter(guest, code), await enter(third, code)];
    const ack = await send<ChatMessage>(a, 'chat:send', { to: b.join.self.peerId, text: 'just for you' });
    expect(ack).toMatchObject({
      ok: true,
      data: { to: { peerId: b.join.self.peerId, displayName: 'Guest' }, text: 'just for you' },
    });
    await expect.poll(() => events(b, 'chat:message')).toMatchObject([{ text: 'just for you' }]);
    await settle(a, b, c);
    expect(events(c, 'chat:message')).toEqual([]);

    const texts = async (p: Person) => {
      const reply = await send<ChatHistory>(p, 'chat:history');
      return reply.ok ? reply.data.messages.map((m) => m.text) : reply.error.code;
    };
    expect(await texts(a)).toEqual(['just for you']);
    expect(await texts(b)).toEqual(['just for you']);
    expect(await texts(c)).toEqual([]);
  });

  it('a private message to someone not in the meeting is refused with a clear code', async () => {
    const code = await newMeeting(server.api, host);
    const otherCode = await newMeeting(server.api, third);
    const [a, b] = [await enter(host, code), await enter(guest, code)];
    const elsewhere = await enter(third, otherCode);
    for (const to of ['no-such-peer', elsewhere.join.self.peerId]) {
      const ack = await send(a, 'chat:send', { to, text: 'psst' });
      expect(ack).toMatchObject({ ok: false, error: { code: 'RECIPIENT_NOT_IN_MEETING' } });
    }
    // Nor is a seat still waiting for its PeerJS websocket (it has not been announced to anyone).
    const unready = await connectSocket(server.url, third.session.accessToken);
    const unreadyJoin = await joined(unready, code);
    const toUnready = await send(a, 'chat:send', { to: unreadyJoin.self.peerId, text: 'psst' });
    expect(toUnready).toMatchObject({ ok: false, error: { code: 'RECIPIENT_NOT_IN_MEETING' } });
    // Someone who left is no longer a recipient either.
    expect(await send(b, 'meeting:leave')).toMatchObject({ ok: true });
    const ack = await send(a, 'chat:send', { to: b.join.self.peerId, text: 'still there?' });
    expect(ack).toMatchObject({ ok: false, error: { code: 'RECIPIENT_NOT_IN_MEETING' } });
    await settle(elsewhere);
    expect(events(elsewhere, 'chat:message')).toEqual([]);
  });

  it('a late joiner gets the earlier messages when its seat becomes ready, and the raised hands', async () => {
    const code = await newMeeting(server.api, host);
    const [a, b] = [await enter(host, code), await enter(guest, code)];
    await send(a, 'chat:send', { text: 'first' });
    await send(b, 'chat:send', { text: 'second' });
    await send(a, 'chat:send', { to: b.join.self.peerId, text: 'private, not for the late joiner' });
    await send(b, 'hand:raise');
    await send(a, 'hand:raise');

    const late = await enter(third, code);
    await expect.poll(() => events(late, 'chat:history').length).toBe(1);
    const [history] = events(late, 'chat:history') as ChatHistory[];
    expect(history!.messages.map((m) => [m.from.displayName, m.text])).toEqual([
      ['Host', 'first'],
      ['Guest', 'second'],
    ]);
    const [hands] = events(late, 'hand:changed') as Hands[];
    expect(hands!.hands.map((h) => h.peerId)).toEqual([b.join.self.peerId, a.join.self.peerId]);
  });

  it('a seat resumed on a new connection (a reconnect) gets the history and the hands again, and keeps its hand', async () => {
    const code = await newMeeting(server.api, host);
    const [a, b] = [await enter(host, code), await enter(guest, code)];
    await send(a, 'chat:send', { text: 'before the reconnect' });
    await send(b, 'hand:raise');
    const socket = await connectSocket(server.url, guest.session.accessToken);
    const seen = recordEvents(socket, ROOM_EVENTS);
    const resumed = await request<JoinResult>(socket, 'meeting:join', {
      code,
      media: { audio: true, video: true },
      resume: { id: b.join.peer.id, token: b.join.peer.token },
    });
    expect(resumed).toMatchObject({ ok: true, data: { self: { peerId: b.join.self.peerId } } });
    await expect.poll(() => seen.map((entry) => entry.event).sort()).toEqual(['chat:history', 'hand:changed']);
    const history = seen.find((entry) => entry.event === 'chat:history')?.payload as ChatHistory;
    expect(history.messages.map((m) => m.text)).toEqual(['before the reconnect']);
    const hands = seen.find((entry) => entry.event === 'hand:changed')?.payload as Hands;
    expect(hands.hands.map((h) => h.peerId)).toEqual([b.join.self.peerId]);
    // The new connection may write; the old one no longer holds the seat.
    expect(await send(socket, 'chat:send', { text: 'back' })).toMatchObject({ ok: true });
    expect(await send(b, 'chat:send', { text: 'ghost' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_IN_MEETING' },
    });
  });

  it('hands go up in order for everyone; their owner or the host lowers them, nobody else', async () => {
    const code = await newMeeting(server.api, host);
    const [a, b, c] = [await enter(host, code), await enter(guest, code), await enter(third, code)];
    const order = (reply: { ok: boolean; data?: Hands }) => reply.data?.hands.map((h) => h.peerId);
    const [peerA, peerB, peerC] = [a.join.self.peerId, b.join.self.peerId, c.join.self.peerId];

    expect(order(await send<Hands>(c, 'hand:raise'))).toEqual([peerC]);
    expect(order(await send<Hands>(b, 'hand:raise'))).toEqual([peerC, peerB]);
    // Raising again changes nothing.
    expect(order(await send<Hands>(c, 'hand:raise'))).toEqual([peerC, peerB]);
    await settle(a, b, c);
    expect((events(a, 'hand:changed').at(-1) as Hands).hands.map((h) => h.peerId)).toEqual([peerC, peerB]);

    expect(await send(b, 'hand:lower', { peerId: peerC })).toMatchObject({ ok: false, error: { code: 'NOT_HOST' } });
    expect(order(await send<Hands>(a, 'hand:lower', { peerId: peerC }))).toEqual([peerB]);
    await settle(c);
    expect((events(c, 'hand:changed').at(-1) as Hands).hands.map((h) => h.peerId)).toEqual([peerB]);
    expect(order(await send<Hands>(b, 'hand:lower'))).toEqual([]);

    // Leaving lowers the hand for everyone.
    await send(c, 'hand:raise');
    await send(c, 'meeting:leave');
    await settle(a);
    expect((events(a, 'hand:changed').at(-1) as Hands).hands).toEqual([]);
    expect(peerA).toBeTruthy();
  });

  it('the host clears the chat for everyone; nobody else may', async () => {
    const code = await newMeeting(server.api, host);
    const [a, b] = [await enter(host, code), await enter(guest, code)];
    await send(b, 'chat:send', { text: 'to be cleared' });
    expect(await send(b, 'chat:clear')).toMatchObject({ ok: false, error: { code: 'NOT_HOST' } });
    expect(await send(a, 'chat:clear')).toMatchObject({ ok: true });
    await settle(a, b);
    expect(events(b, 'chat:cleared')).toHaveLength(1);
    expect(events(a, 'chat:cleared')).toHaveLength(1);
    const history = await send<ChatHistory>(b, 'chat:history');
    expect(history).toMatchObject({ ok: true, data: { messages: [] } });
  });

  it('reactions from the fixed set reach everyone else in the meeting; others are refused', async () => {
    const code = await newMeeting(server.api, host);
    const [a, b] = [await enter(host, code), await enter(guest, code)];
    const ack = await send<Reaction>(a, 'reaction:send', { emoji: '🎉' });
    expect(ack).toMatchObject({ ok: true, data: { peerId: a.join.self.peerId, emoji: '🎉' } });
    await expect.poll(() => events(b, 'reaction')).toMatchObject([{ peerId: a.join.self.peerId, emoji: '🎉' }]);
    for (const emoji of ['💩', '<img src=x>', '', null]) {
      expect(await send(a, 'reaction:send', { emoji })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    }
  });

  it('limits messages and reactions per connection, and lets them through again after a while', async () => {
    const code = await newMeeting(server.api, host);
    const [a, b] = [await enter(host, code), await enter(guest, code)];
    for (let i = 0; i < 5; i += 1) expect(await send(a, 'chat:send', { text: `m${i}` })).toMatchObject({ ok: true });
    expect(await send(a, 'chat:send', { text: 'flood' })).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    // Another connection has its own allowance.
    expect(await send(b, 'chat:send', { text: 'mine' })).toMatchObject({ ok: true });
    for (let i = 0; i < 3; i += 1) expect(await send(a, 'reaction:send', { emoji: '👍' })).toMatchObject({ ok: true });
    expect(await send(a, 'reaction:send', { emoji: '👍' })).toMatchObject({
      ok: false,
      error: { code: 'RATE_LIMITED' },
    });
    clock.advance(10_000);
    expect(await send(a, 'chat:send', { text: 'later' })).toMatchObject({ ok: true });
    expect(await send(a, 'reaction:send', { emoji: '👍' })).toMatchObject({ ok: true });
    const history = await send<ChatHistory>(b, 'chat:history');
    expect(history.ok && history.data.messages.map((m) => m.text)).toEqual([
      'm0',
      'm1',
      'm2',
      'm3',
      'm4',
      'mine',
      'later',
    ]);
  });

  it('someone who is not in any meeting can do none of it', async () => {
    const socket = await connectSocket(server.url, guest.session.accessToken);
    for (const event of ['chat:send', 'chat:history', 'chat:clear', 'hand:raise', 'hand:lower', 'reaction:send']) {
      const payload = event === 'chat:send' ? { text: 'hi' } : event === 'reaction:send' ? { emoji: '👍' } : {};
      expect(await send(socket, event, payload)).toMatchObject({ ok: false, error: { code: 'NOT_IN_MEETING' } });
    }
  });
});

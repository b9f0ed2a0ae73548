import type { Result, ServerEventName } from '@wava/protocol';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RoomLink } from '../../src/renderer/call/roomLink.js';
import type { SignalingChannel } from '../../src/renderer/call/signalingChannel.js';
import { REACTION_MS, RoomStore } from '../../src/renderer/features/room/roomStore.js';

/** The server side of the meeting's connection: events it sends, requests answered by `reply`. */
function fakeServer(reply: (event: string, payload: unknown) => Result<unknown>) {
  const listeners = new Map<string, ((payload: unknown) => void)[]>();
  const signaling = {
    request: async (event: string, payload: unknown) => reply(event, payload),
    onServer(event: ServerEventName, listener: (payload: unknown) => void) {
      listeners.set(event, [...(listeners.get(event) ?? []), listener]);
    },
  } as unknown as Pick<SignalingChannel, 'request' | 'onServer'>;
  return {
    link: new RoomLink(signaling),
    send(event: ServerEventName, payload: unknown) {
      for (const listener of listeners.get(event) ?? []) listener(payload);
    },
  };
}

const message = (id: string, text: string, sentAt = '2026-01-01T10:00:00.000Z') => ({
  id,
  from: { peerId: 'peer-b', displayName: 'Bob' },
  to: null,
  text,
  sentAt,
});

describe('RoomStore', () => {
  afterEach(() => vi.useRealTimers());

  it('counts messages that arrive while the chat is closed, keeps one per id, in time order', () => {
    const server = fakeServer(() => ({ ok: true, data: null }));
    const store = new RoomStore(server.link);
    server.send('chat:message', message('2', 'second', '2026-01-01T10:00:02.000Z'));
    server.send('chat:history', {
      messages: [message('1', 'first'), message('2', 'second', '2026-01-01T10:00:02.000Z')],
    });
    expect(store.getSnapshot().messages.map((m) => m.text)).toEqual(['first', 'second']);
    expect(store.getSnapshot().unread).toBe(1);
    store.setChatOpen(true);
    expect(store.getSnapshot().unread).toBe(0);
    server.send('chat:message', message('3', 'third', '2026-01-01T10:00:03.000Z'));
    expect(store.getSnapshot().unread).toBe(0);
    server.send('chat:cleared', {});
    expect(store.getSnapshot()).toMatchObject({ messages: [], cleared: true });
  });

  it('a history sent again (after a reconnect) replaces the list: a chat cleared meanwhile is empty here too', () => {
    const server = fakeServer(() => ({ ok: true, data: null }));
    const store = new RoomStore(server.link);
    server.send('chat:history', {
      messages: [message('1', 'old'), message('2', 'older still', '2026-01-01T09:00:00.000Z')],
    });
    server.send('chat:message', message('3', 'live, after the history', '2026-01-01T11:00:00.000Z'));
    server.send('chat:history', { messages: [message('4', 'after the clear', '2026-01-01T10:30:00.000Z')] });
    expect(store.getSnapshot().messages.map((m) => m.text)).toEqual(['after the clear', 'live, after the history']);
    server.send('chat:history', { messages: [] });
    expect(store.getSnapshot().messages).toEqual([]);
  });

  it('drops malformed events instead of showing them', () => {
    const server = fakeServer(() => ({ ok: true, data: null }));
    const store = new RoomStore(server.link);
    server.send('chat:message', { id: 'x', text: '<img src=x onerror=alert(1)>' });
    server.send('hand:changed', { hands: 'all' });
    server.send('reaction', { peerId: 'p', emoji: '💩', sentAt: 'now' });
    expect(store.getSnapshot()).toMatchObject({ messages: [], hands: [], reactions: [] });
  });

  it('shows a reaction for a few seconds, and gives a refused message as the server’s code (its sentence is written where shown)', async () => {
    vi.useFakeTimers();
    const server = fakeServer((event) =>
      event === 'reaction:send'
        ? { ok: true, data: { peerId: 'me', emoji: '👍', sentAt: '2026-01-01T10:00:00.000Z' } }
        : { ok: false, error: { code: 'RATE_LIMITED', message: 'Too many attempts.' } },
    );
    const store = new RoomStore(server.link);
    expect(await store.react('👍')).toBeNull();
    expect(store.getSnapshot().reactions).toMatchObject([{ peerId: 'me', emoji: '👍' }]);
    vi.advanceTimersByTime(REACTION_MS);
    expect(store.getSnapshot().reactions).toEqual([]);
    expect(await store.send('hi', null)).toEqual({ code: 'RATE_LIMITED', retryAfterSeconds: undefined });
    expect(store.getSnapshot().messages).toEqual([]);
  });

  it('gets what the server sent before the room store existed (the link holds it)', () => {
    const server = fakeServer(() => ({ ok: true, data: null }));
    const link = server.link;
    server.send('chat:history', { messages: [message('1', 'early')] });
    server.send('hand:changed', { hands: [{ peerId: 'peer-b', raisedAt: '2026-01-01T10:00:00.000Z' }] });
    const store = new RoomStore(link);
    expect(store.getSnapshot().messages.map((m) => m.text)).toEqual(['early']);
    expect(store.getSnapshot().hands.map((h) => h.peerId)).toEqual(['peer-b']);
  });
});

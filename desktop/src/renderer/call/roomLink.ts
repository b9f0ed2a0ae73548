import type { Ack, AckCallback, ClientToServerEvents, ServerToClientEvents } from '@wava/protocol';
import type { Unsubscribe } from '../util/emitter.js';

/** The client events of the meeting's room features: chat, raised hands and reactions. */
export type RoomEventName = 'chat:send' | 'chat:history' | 'chat:clear' | 'hand:raise' | 'hand:lower' | 'reaction:send';
export type RoomPayload<E extends RoomEventName> = Parameters<ClientToServerEvents[E]>[0];
export type RoomReply<E extends RoomEventName> =
  Parameters<ClientToServerEvents[E]>[1] extends AckCallback<infer T> ? T : never;

/** What the room features need of the meeting's connection: requests, server events, and its reconnects. */
export interface RoomLink {
  request<E extends RoomEventName>(event: E, payload: RoomPayload<E>): Promise<Ack<RoomReply<E>>>;
  /** A server event; its payload is unchecked (the room store checks it). */
  onServer<K extends keyof ServerToClientEvents>(event: K, listener: (payload: unknown) => void): void;
  on(event: 'connected', listener: () => void): Unsubscribe;
}

/** The server events of the room features. */
const ROOM_SERVER_EVENTS = ['chat:message', 'chat:history', 'chat:cleared', 'hand:changed', 'reaction'] as const;
type RoomServerEvent = (typeof ROOM_SERVER_EVENTS)[number];
/** Events held for a listener that is not there yet (the meeting screen loads after the join starts). */
const HELD_MAX = 500;

/**
 * The room link of a meeting's connection. It listens from the start: events that arrive before the room
 * features subscribe (the history and hands sent when the seat becomes ready, usually) are held, at most
 * HELD_MAX of each, and handed over when they do.
 */
export function createRoomLink(signaling: Omit<RoomLink, 'onServer'> & Pick<RoomLink, 'onServer'>): RoomLink {
  const listeners = new Map<RoomServerEvent, ((payload: unknown) => void)[]>();
  const held = new Map<RoomServerEvent, unknown[]>();
  for (const event of ROOM_SERVER_EVENTS) {
    signaling.onServer(event, (payload) => {
      const current = listeners.get(event);
      if (current) for (const listener of current) listener(payload);
      else held.set(event, [...(held.get(event) ?? []), payload].slice(-HELD_MAX));
    });
  }
  return {
    request: (event, payload) => signaling.request(event, payload),
    on: (event, listener) => signaling.on(event, listener),
    onServer(event, listener) {
      if (!(ROOM_SERVER_EVENTS as readonly string[]).includes(event)) return signaling.onServer(event, listener);
      const name = event as RoomServerEvent;
      listeners.set(name, [...(listeners.get(name) ?? []), listener]);
      const waiting = held.get(name) ?? [];
      held.delete(name);
      for (const payload of waiting) listener(payload);
    },
  };
}

import type { ClientPayload, ClientReply, Result, ServerPayload } from '@wava/protocol';
import { Emitter, type Unsubscribe } from '../util/emitter.js';
import { onServerEvent } from './onServerEvent.js';
import type { SignalingChannel } from './signalingChannel.js';

/** The client events of the meeting's room features: chat, raised hands and reactions. */
export type RoomRequestName =
  | 'chat:send'
  | 'chat:history'
  | 'chat:clear'
  | 'hand:raise'
  | 'hand:lower'
  | 'reaction:send';

/** The server events of the room features. */
const ROOM_SERVER_EVENTS = ['chat:message', 'chat:history', 'chat:cleared', 'hand:changed', 'reaction'] as const;
type RoomServerEvent = (typeof ROOM_SERVER_EVENTS)[number];
export type RoomEvents = { [K in RoomServerEvent]: ServerPayload<K> };

/** Events held for a listener that is not there yet (the meeting screen loads after the join starts). */
const HELD_MAX = 500;

/**
 * What the room features (features/room) get of the meeting's connection: the room requests, and the room's
 * server events, each checked against protocol's `serverEventSchemas` (a malformed one is dropped). It listens
 * from the start: events that arrive before anyone subscribes (the history and hands sent when the seat becomes
 * ready, usually) are held, at most HELD_MAX of each, and handed to the first listener.
 */
export class RoomLink {
  private readonly emitter = new Emitter<RoomEvents>();
  private readonly held = new Map<RoomServerEvent, unknown[]>();
  private readonly heard = new Set<RoomServerEvent>();

  constructor(private readonly signaling: Pick<SignalingChannel, 'request' | 'onServer'>) {
    for (const event of ROOM_SERVER_EVENTS) {
      onServerEvent(signaling, event, (payload) => {
        if (this.heard.has(event)) this.emitter.emit(event, payload);
        else this.held.set(event, [...(this.held.get(event) ?? []), payload].slice(-HELD_MAX));
      });
    }
  }

  request<K extends RoomRequestName>(event: K, payload: ClientPayload<K>): Promise<Result<ClientReply<K>>> {
    return this.signaling.request(event, payload);
  }

  on<K extends RoomServerEvent>(event: K, listener: (payload: RoomEvents[K]) => void): Unsubscribe {
    const off = this.emitter.on(event, listener);
    if (!this.heard.has(event)) {
      this.heard.add(event);
      const waiting = (this.held.get(event) ?? []) as RoomEvents[K][];
      this.held.delete(event);
      for (const payload of waiting) listener(payload);
    }
    return off;
  }
}

import { useSyncExternalStore } from 'react';
import type { RoomLink } from '../../call/roomLink.js';
import { RoomStore, type RoomState } from './roomStore.js';

/**
 * One room store per meeting connection, made outside React's render: a render that React discards (a
 * transition restarted, a suspended tree) must not leave behind a store that took the events meant for the one
 * that stays. It lives as long as the meeting's client (its reaction timers end within seconds by themselves).
 */
const stores = new WeakMap<RoomLink, RoomStore>();

function roomStoreOf(link: RoomLink): RoomStore {
  let store = stores.get(link);
  if (!store) {
    store = new RoomStore(link);
    stores.set(link, store);
  }
  return store;
}

/** The room store of a meeting's connection, and its state. */
export function useRoom(link: RoomLink): { room: RoomStore; state: RoomState } {
  const room = roomStoreOf(link);
  const state = useSyncExternalStore(room.subscribe, room.getSnapshot);
  return { room, state };
}

import { useEffect, useState, useSyncExternalStore } from 'react';
import type { RoomLink } from '../../call/roomLink.js';
import { RoomStore, type RoomState } from './roomStore.js';

/** The room store of a meeting's connection, for as long as the component that asks lives; and its state. */
export function useRoom(link: RoomLink): { room: RoomStore; state: RoomState } {
  const [room] = useState(() => new RoomStore(link));
  useEffect(() => () => room.dispose(), [room]);
  const state = useSyncExternalStore(room.subscribe, room.getSnapshot);
  return { room, state };
}

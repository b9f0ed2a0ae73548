import { useSyncExternalStore } from 'react';
import type { ModerationState, ModerationStore } from '../../call/moderationStore.js';

/** The host's powers' state of a meeting, re-rendering on each change. */
export function useModeration(store: ModerationStore): ModerationState {
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}

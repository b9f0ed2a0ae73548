import { useSyncExternalStore } from 'react';
import type { SpeakingSource } from './speakingMonitor.js';

/**
 * The active speaker while `follow` (the layout shows them large), else null: a component using it re-renders when
 * the active speaker changes and it follows them, never when someone merely starts or stops speaking.
 */
export function useActiveSpeaker(speech: SpeakingSource, follow: boolean): string | null {
  return useSyncExternalStore(speech.subscribe, () => (follow ? speech.getSnapshot().active : null));
}

import { useSyncExternalStore } from 'react';
import type { SpeakingSource } from './speakingMonitor.js';

/**
 * Whether one person speaks now and whether they are the active speaker: a component using it re-renders when
 * that changes for this person, not when someone else starts or stops speaking.
 */
export function usePersonSpeaking(speech: SpeakingSource, peerId: string): { speaking: boolean; active: boolean } {
  const speaking = useSyncExternalStore(speech.subscribe, () => speech.getSnapshot().speaking.has(peerId));
  const active = useSyncExternalStore(speech.subscribe, () => speech.getSnapshot().active === peerId);
  return { speaking, active };
}

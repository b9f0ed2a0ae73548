import type { Knocker } from '@wava/protocol';
import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { LobbyLink } from '../../call/lobbyLink.js';
import { i18n } from '../../i18n/i18n.js';
import type { ExtraAnnouncement } from '../notices/MeetingAnnouncer.js';
import { playKnockSound } from './playKnockSound.js';

/** That someone knocks, in the current language: call it at render. */
export function knockSentence(knocker: Pick<Knocker, 'displayName' | 'guest'>): string {
  return i18n.t(knocker.guest ? 'lobby.knockedGuest' : 'lobby.knocked', { name: knocker.displayName });
}

/** Nobody shown: one array, so what shows the queue is not rendered again for a new empty one. */
const NOBODY: readonly Knocker[] = [];

/**
 * Who is waiting to join, for the host and co-hosts: the queue, and news for the room's live region whenever
 * someone new knocks (with a chime). People already waiting when one of them arrives are shown, and announced once.
 * The news keeps who knocked; its sentence is written when the live region renders.
 */
export function useKnockers(
  link: LobbyLink,
  mayAdmit: boolean,
): { knockers: readonly Knocker[]; announcement: ExtraAnnouncement | null } {
  const knockers = useSyncExternalStore(link.subscribe, link.getSnapshot);
  const seen = useRef(new Set<string>());
  const [fresh, setFresh] = useState<{ id: number; knockers: readonly Knocker[] } | null>(null);
  useEffect(() => {
    if (!mayAdmit) return;
    const arrived = knockers.filter((knocker) => !seen.current.has(knocker.id));
    seen.current = new Set(knockers.map((knocker) => knocker.id));
    if (arrived.length === 0) return;
    setFresh((before) => ({ id: (before?.id ?? 0) + 1, knockers: arrived }));
    playKnockSound();
  }, [knockers, mayAdmit]);
  // The same object until someone else knocks: the room's live region is memoised on it (useMeetingRoom).
  const announcement = useMemo(
    () => (mayAdmit && fresh ? { id: fresh.id, say: () => fresh.knockers.map(knockSentence).join(' ') } : null),
    [mayAdmit, fresh],
  );
  return { knockers: mayAdmit ? knockers : NOBODY, announcement };
}

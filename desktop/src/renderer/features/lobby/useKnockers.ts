import type { Knocker } from '@wava/protocol';
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { LobbyLink } from '../../call/lobbyLink.js';
import { i18n } from '../../i18n/i18n.js';
import { playKnockSound } from './playKnockSound.js';

/**
 * Who is waiting to join, for the host and co-hosts: the queue, and a sentence for the room's live region whenever
 * someone new knocks (with a chime). People already waiting when one of them arrives are shown, and announced once.
 */
export function useKnockers(
  link: LobbyLink,
  mayAdmit: boolean,
): { knockers: readonly Knocker[]; announcement: string | null } {
  const knockers = useSyncExternalStore(link.subscribe, link.getSnapshot);
  const seen = useRef(new Set<string>());
  const [announcement, setAnnouncement] = useState<string | null>(null);
  useEffect(() => {
    if (!mayAdmit) return;
    const fresh = knockers.filter((knocker) => !seen.current.has(knocker.id));
    seen.current = new Set(knockers.map((knocker) => knocker.id));
    if (fresh.length === 0) return;
    setAnnouncement(
      fresh
        .map((knocker) => i18n.t(knocker.guest ? 'lobby.knockedGuest' : 'lobby.knocked', { name: knocker.displayName }))
        .join(' '),
    );
    playKnockSound();
  }, [knockers, mayAdmit]);
  return { knockers: mayAdmit ? knockers : [], announcement: mayAdmit ? announcement : null };
}

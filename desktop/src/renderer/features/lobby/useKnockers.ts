import type { Knocker } from '@wava/protocol';
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { LobbyLink } from '../../call/lobbyLink.js';
import { i18n } from '../../i18n/i18n.js';
import { playKnockSound } from './playKnockSound.js';

/**
 * Who is waiting to join, for the host: the queue, and a sentence for the room's live region whenever someone new
 * knocks (with a chime). People already waiting when the host arrives are shown, and announced once as well.
 */
export function useKnockers(
  link: LobbyLink,
  host: boolean,
): { knockers: readonly Knocker[]; announcement: string | null } {
  const knockers = useSyncExternalStore(link.subscribe, link.getSnapshot);
  const seen = useRef(new Set<string>());
  const [announcement, setAnnouncement] = useState<string | null>(null);
  useEffect(() => {
    if (!host) return;
    const fresh = knockers.filter((knocker) => !seen.current.has(knocker.id));
    seen.current = new Set(knockers.map((knocker) => knocker.id));
    if (fresh.length === 0) return;
    setAnnouncement(
      fresh
        .map((knocker) => i18n.t(knocker.guest ? 'lobby.knockedGuest' : 'lobby.knocked', { name: knocker.displayName }))
        .join(' '),
    );
    playKnockSound();
  }, [knockers, host]);
  return { knockers: host ? knockers : [], announcement: host ? announcement : null };
}

export interface LastNInput {
  /** The people whose camera can be received, in the order they joined. */
  publishers: readonly string[];
  /** Who spoke, the most recent first (VideoRoom talking events). */
  speakers: readonly string[];
  /** People the viewer pinned: always received. */
  pinned: ReadonlySet<string>;
  /** At most this many cameras besides the pinned ones (the meeting's `lastN`). */
  lastN: number;
}

/**
 * Whose camera video a receiver subscribes to in SFU mode (Jitsi's last-N): everyone pinned, then the most
 * recent speakers, then the earliest to join, up to `lastN` besides the pinned. Audio is always everyone's.
 */
export function lastNSelection({ publishers, speakers, pinned, lastN }: LastNInput): Set<string> {
  const present = new Set(publishers);
  const chosen = new Set([...pinned].filter((id) => present.has(id)));
  let room = Math.max(0, lastN);
  for (const id of [...speakers, ...publishers]) {
    if (room === 0) break;
    if (!present.has(id) || chosen.has(id)) continue;
    chosen.add(id);
    room -= 1;
  }
  return chosen;
}

/** `speakers` with `id` moved to the front (it is talking now). */
export function spoke(speakers: readonly string[], id: string): string[] {
  return [id, ...speakers.filter((other) => other !== id)];
}

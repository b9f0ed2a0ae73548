import { randomBytes } from 'node:crypto';
import { AppError } from '../errors/AppError.js';

/** Most people waiting in one meeting's lobby at once. */
export const LOBBY_QUEUE_MAX = 100;
/**
 * Most guests from one client address (an IPv6 /64) waiting in one meeting's lobby at once: a family or a meeting
 * room knocks, while one address cannot fill the queue (and lock everyone else out) with guest identities.
 */
export const LOBBY_GUESTS_PER_ADDRESS = 10;
/** Most admissions remembered per meeting (the oldest are forgotten first; they are seated by then). */
const ADMITTED_MAX = 5_000;
/** Most denials remembered at once, all meetings together (the oldest are forgotten first). */
const DENIALS_MAX = 50_000;

export interface KnockEntry {
  /** Names this knock to the host; not the person's id. */
  id: string;
  /** The account's or the guest session's id. */
  identity: string;
  displayName: string;
  guest: boolean;
  /** Epoch milliseconds of the first knock (kept across reconnects by the knock ticket). */
  knockedAt: number;
  /** The connection waiting for the answer. */
  socketId: string;
  /** The connection's client address (clientIp: an IPv6 /64); never shown to anyone. */
  address: string;
}

/**
 * The waiting rooms of live meetings (in memory here; in Redis for several servers, createRedisLobby): who is waiting (first knock first), who was let in, and who was
 * turned away until when. Bounded: a queue holds at most LOBBY_QUEUE_MAX people, admissions and denials are capped,
 * and everything of a meeting goes when it ends.
 */
export interface Lobby {
  /**
   * Queues `knock`. A person already waiting is replaced (their newest connection waits) but keeps the knock's id,
   * so knocking again and again does not make the host's app chime again. MEETING_FULL when the queue is full,
   * RATE_LIMITED when LOBBY_GUESTS_PER_ADDRESS guests from the knock's address already wait.
   */
  knock(meetingId: string, knock: Omit<KnockEntry, 'id'>): Promise<KnockEntry>;
  /** The connection's knock leaves the queue; false when it was not waiting. */
  leave(meetingId: string, socketId: string): Promise<boolean>;
  queue(meetingId: string): Promise<KnockEntry[]>;
  /** Takes one knock out of the queue (to admit or deny it). */
  take(meetingId: string, id: string): Promise<KnockEntry | null>;
  takeAll(meetingId: string): Promise<KnockEntry[]>;
  admit(meetingId: string, identity: string): Promise<void>;
  isAdmitted(meetingId: string, identity: string): Promise<boolean>;
  /** Takes an admission back (the person was removed): they must knock, and be admitted, again. */
  revoke(meetingId: string, identity: string): Promise<void>;
  /** Turns `who` (identities, addresses) away from the meeting for `cooldownMs`. */
  deny(meetingId: string, who: string[], cooldownMs: number): Promise<void>;
  /** How long any of `who` must still wait before knocking again; 0 when none was turned away. */
  deniedFor(meetingId: string, who: string[]): Promise<number>;
  /**
   * When any of `who` was last turned away (epoch milliseconds; 0 when never, or forgotten): a knock ticket from
   * before then no longer keeps a place. Remembered past the cooldown while there is room.
   */
  deniedAt(meetingId: string, who: string[]): Promise<number>;
  /** Forgets the meeting; returns who was still waiting (to be told it ended). */
  meetingEnded(meetingId: string): Promise<KnockEntry[]>;
}

export function createLobby(now: () => number): Lobby {
  const queues = new Map<string, KnockEntry[]>();
  const admitted = new Map<string, Set<string>>();
  /** When each was turned away, and until when. */
  const denials = new Map<string, { at: number; until: number }>();
  const denialKey = (meetingId: string, who: string) => `${meetingId}\n${who}`;

  function forgetExpiredDenials(at: number): void {
    for (const [key, denial] of denials) if (denial.until <= at) denials.delete(key);
  }

  return {
    async knock(meetingId, knock) {
      const before = queues.get(meetingId) ?? [];
      const earlier = before.find((entry) => entry.identity === knock.identity);
      const queue = before.filter((entry) => entry !== earlier);
      if (queue.length >= LOBBY_QUEUE_MAX) throw new AppError('MEETING_FULL');
      const sameAddress = (entry: KnockEntry) => entry.guest && entry.address === knock.address;
      if (knock.guest && queue.filter(sameAddress).length >= LOBBY_GUESTS_PER_ADDRESS)
        throw new AppError('RATE_LIMITED');
      const entry: KnockEntry = { ...knock, id: earlier?.id ?? randomBytes(9).toString('base64url') };
      const at = queue.findIndex((other) => other.knockedAt > entry.knockedAt);
      queue.splice(at === -1 ? queue.length : at, 0, entry);
      queues.set(meetingId, queue);
      return entry;
    },
    async leave(meetingId, socketId) {
      const queue = queues.get(meetingId);
      const at = queue?.findIndex((entry) => entry.socketId === socketId) ?? -1;
      if (!queue || at === -1) return false;
      queue.splice(at, 1);
      if (queue.length === 0) queues.delete(meetingId);
      return true;
    },
    queue: async (meetingId) => [...(queues.get(meetingId) ?? [])],
    async take(meetingId, id) {
      const queue = queues.get(meetingId);
      const at = queue?.findIndex((entry) => entry.id === id) ?? -1;
      if (!queue || at === -1) return null;
      const [entry] = queue.splice(at, 1);
      if (queue.length === 0) queues.delete(meetingId);
      return entry ?? null;
    },
    async takeAll(meetingId) {
      const queue = queues.get(meetingId) ?? [];
      queues.delete(meetingId);
      return queue;
    },
    async admit(meetingId, identity) {
      const set = admitted.get(meetingId) ?? new Set<string>();
      set.delete(identity);
      set.add(identity);
      if (set.size > ADMITTED_MAX) set.delete(set.values().next().value!);
      admitted.set(meetingId, set);
    },
    isAdmitted: async (meetingId, identity) => admitted.get(meetingId)?.has(identity) ?? false,
    async revoke(meetingId, identity) {
      admitted.get(meetingId)?.delete(identity);
    },
    async deny(meetingId, who, cooldownMs) {
      const at = now();
      if (denials.size + who.length > DENIALS_MAX) forgetExpiredDenials(at);
      for (const one of who) {
        const key = denialKey(meetingId, one);
        denials.delete(key);
        denials.set(key, { at, until: at + cooldownMs });
      }
      while (denials.size > DENIALS_MAX) denials.delete(denials.keys().next().value!);
    },
    async deniedFor(meetingId, who) {
      const at = now();
      let longest = 0;
      for (const one of who) {
        const key = denialKey(meetingId, one);
        const until = denials.get(key)?.until;
        if (until !== undefined && until > at) longest = Math.max(longest, until - at);
      }
      return longest;
    },
    async deniedAt(meetingId, who) {
      let latest = 0;
      for (const one of who) latest = Math.max(latest, denials.get(denialKey(meetingId, one))?.at ?? 0);
      return latest;
    },
    async meetingEnded(meetingId) {
      const waiting = queues.get(meetingId) ?? [];
      queues.delete(meetingId);
      admitted.delete(meetingId);
      for (const key of denials.keys()) if (key.startsWith(`${meetingId}\n`)) denials.delete(key);
      return waiting;
    },
  };
}

import { randomUUID } from 'node:crypto';
import { meetingCodeSchema, type MeetingStatus } from '@wava/protocol';
import type { Config } from '../config/Config.js';
import type { MeetingWithHost, Storage, UserRecord } from '../db/Storage.js';
import { AppError } from '../errors/AppError.js';
import { createListeners, type Unsubscribe } from '../events/createListeners.js';
import type { SharedLimits } from '../auth/SharedLimits.js';
import { createSlidingWindowLimiter } from '../auth/createSlidingWindowLimiter.js';
import { generateMeetingCode } from './generateMeetingCode.js';

const HOUR_MS = 3_600_000;
const CODE_ATTEMPTS = 8;
/** Meetings with people in them are marked active about this often (by `expireIdle`, run every minute). */
export const ACTIVITY_RESOLUTION_MS = 60_000;
/** Most meetings one `expireIdle` looks at; the oldest first, the rest at the next run. */
const SWEEP_BATCH = 10_000;

/** Who looks a meeting code up: a signed-in user (null when not signed in) from an address. */
export interface CodeLookupCaller {
  userId: string | null;
  ip: string;
}

export interface MeetingService {
  create(host: UserRecord, title: string | undefined): Promise<MeetingWithHost>;
  /**
   * A meeting people can join now: MEETING_NOT_FOUND (also for anything that is not a code) or MEETING_ENDED.
   * Counts as activity: the meeting does not expire while people look it up or join it.
   */
  findOpen(code: unknown): Promise<MeetingWithHost>;
  /**
   * `findOpen` for a person typing or opening a code: codes that match no meeting are limited per user and per
   * address (RATE_LIMITED), so meeting codes cannot be guessed by trying them.
   */
  lookUp(code: unknown, caller: CodeLookupCaller): Promise<MeetingWithHost>;
  /**
   * Ends open meetings with nobody in them for the configured idle time. `isLive` tells whether anyone is in a
   * meeting now (the room registry; with several servers, the seat ledger too); a live meeting counts as active.
   * Returns how many ended.
   */
  expireIdle(isLive: (meetingId: string) => boolean | Promise<boolean>): Promise<number>;
  /** What an invite link may say before sign-in: open, ended, or unknown (also for anything that is not a code). */
  status(code: unknown): Promise<MeetingStatus['status']>;
  /**
   * Host only (NOT_HOST): the meeting's creator, or whom `hosts` says hosts it now (hosting passed on). Marks it
   * ended and tells `onEnded`'s listeners, which remove everyone.
   */
  end(
    user: Pick<UserRecord, 'id'>,
    code: unknown,
    hosts?: (meeting: MeetingWithHost, userId: string) => Promise<boolean>,
  ): Promise<MeetingWithHost>;
  /** A meeting ended (by its host, or idle): everyone in it must leave. */
  onEnded(listener: (meeting: MeetingWithHost) => void): Unsubscribe;
}

export function createMeetingService(deps: {
  config: Config;
  storage: Storage;
  now: () => number;
  /** Several servers: look-up misses counted by all of them (Redis). Absent: this process's own. */
  sharedLimits?: Pick<SharedLimits, 'window'>;
}): MeetingService {
  const { config, storage, now } = deps;
  const meetingEnded = createListeners<[meeting: MeetingWithHost]>();
  const { codeLookupMissesPerUser, codeLookupMissesPerIp } = config.limits;
  const missesPerUser =
    deps.sharedLimits?.window('lookup-user', codeLookupMissesPerUser) ??
    createSlidingWindowLimiter(codeLookupMissesPerUser, now);
  const missesPerIp =
    deps.sharedLimits?.window('lookup-ip', codeLookupMissesPerIp) ??
    createSlidingWindowLimiter(codeLookupMissesPerIp, now);

  async function findOpen(code: unknown): Promise<MeetingWithHost> {
    const parsed = meetingCodeSchema.safeParse(code);
    if (!parsed.success) throw new AppError('MEETING_NOT_FOUND');
    const meeting = await storage.meetings.findByCode(parsed.data);
    if (!meeting) throw new AppError('MEETING_NOT_FOUND');
    if (meeting.endedAt !== null) throw new AppError('MEETING_ENDED');
    await storage.meetings.touch(meeting.id, now());
    return meeting;
  }

  /** The code matched a meeting: not a guess, so its reservations are taken back. */
  function notAGuess(caller: CodeLookupCaller): void {
    void missesPerIp.release(caller.ip);
    if (caller.userId !== null) void missesPerUser.release(caller.userId);
  }

  async function end(meeting: MeetingWithHost): Promise<MeetingWithHost | null> {
    const endedAt = now();
    if (!(await storage.meetings.end(meeting.id, endedAt))) return null;
    const ended = { ...meeting, endedAt };
    meetingEnded.emit(ended);
    return ended;
  }

  return {
    onEnded: meetingEnded.add,

    async create(host, title) {
      const createdAt = now();
      const recent = await storage.meetings.countCreatedSince(host.id, createdAt - HOUR_MS);
      if (recent >= config.limits.meetingsPerHour) throw new AppError('TOO_MANY_MEETINGS', HOUR_MS);
      const base = {
        id: randomUUID(),
        title: title && title.length > 0 ? title : `${host.displayName}'s meeting`,
        hostId: host.id,
        createdAt,
        endedAt: null,
      };
      for (let attempt = 0; attempt < CODE_ATTEMPTS; attempt += 1) {
        const record = { ...base, code: generateMeetingCode() };
        if (await storage.meetings.create(record)) return { ...record, hostDisplayName: host.displayName };
      }
      throw new Error(`no free meeting code after ${CODE_ATTEMPTS} attempts`);
    },
    findOpen,
    async lookUp(code, caller) {
      // Reserved before the look-up, like sign-in attempts: concurrent guesses cannot all pass.
      const byIp = await missesPerIp.hit(caller.ip);
      if (!byIp.allowed) throw new AppError('RATE_LIMITED', byIp.retryAfterMs);
      if (caller.userId !== null) {
        const byUser = await missesPerUser.hit(caller.userId);
        if (!byUser.allowed) {
          void missesPerIp.release(caller.ip);
          throw new AppError('RATE_LIMITED', byUser.retryAfterMs);
        }
      }
      try {
        const meeting = await findOpen(code);
        notAGuess(caller);
        return meeting;
      } catch (error) {
        // An ended meeting is a code that exists: not a guess.
        if (error instanceof AppError && error.code === 'MEETING_ENDED') notAGuess(caller);
        throw error;
      }
    },
    async expireIdle(isLive) {
      const at = now();
      let ended = 0;
      for (const candidate of await storage.meetings.listOpenInactiveSince(at - ACTIVITY_RESOLUTION_MS, SWEEP_BATCH)) {
        if (await isLive(candidate.id)) {
          await storage.meetings.touch(candidate.id, at);
        } else if (candidate.lastActiveAt <= at - config.meetingIdleTimeoutMs) {
          const meeting = await storage.meetings.findByCode(candidate.code);
          if (meeting && (await end(meeting))) ended += 1;
        }
      }
      return ended;
    },
    async status(code) {
      const parsed = meetingCodeSchema.safeParse(code);
      const meeting = parsed.success ? await storage.meetings.findByCode(parsed.data) : null;
      if (!meeting) return 'unknown';
      return meeting.endedAt === null ? 'open' : 'ended';
    },
    async end(user, code, hosts) {
      const meeting = await findOpen(code);
      if (meeting.hostId !== user.id && !(await hosts?.(meeting, user.id))) throw new AppError('NOT_HOST');
      const ended = await end(meeting);
      if (!ended) throw new AppError('MEETING_ENDED');
      return ended;
    },
  };
}

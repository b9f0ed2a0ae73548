import { randomUUID } from 'node:crypto';
import { meetingCodeSchema, type MeetingStatus } from '@wava/protocol';
import type { Config } from '../config/Config.js';
import type { MeetingWithHost, Storage, UserRecord } from '../db/Storage.js';
import { AppError } from '../errors/AppError.js';
import { generateMeetingCode } from './generateMeetingCode.js';

const HOUR_MS = 3_600_000;
const CODE_ATTEMPTS = 8;

export interface MeetingService {
  create(host: UserRecord, title: string | undefined): Promise<MeetingWithHost>;
  /** A meeting people can join now: MEETING_NOT_FOUND (also for anything that is not a code) or MEETING_ENDED. */
  findOpen(code: unknown): Promise<MeetingWithHost>;
  /** What an invite link may say before sign-in: open, ended, or unknown (also for anything that is not a code). */
  status(code: unknown): Promise<MeetingStatus['status']>;
  /** Host only (NOT_HOST). Marks it ended and tells `onEnded`, which removes everyone. */
  end(user: UserRecord, code: unknown): Promise<MeetingWithHost>;
}

export function createMeetingService(deps: {
  config: Config;
  storage: Storage;
  now: () => number;
  onEnded: (meeting: MeetingWithHost) => void;
}): MeetingService {
  const { config, storage, now, onEnded } = deps;

  async function findOpen(code: unknown): Promise<MeetingWithHost> {
    const parsed = meetingCodeSchema.safeParse(code);
    if (!parsed.success) throw new AppError('MEETING_NOT_FOUND');
    const meeting = await storage.meetings.findByCode(parsed.data);
    if (!meeting) throw new AppError('MEETING_NOT_FOUND');
    if (meeting.endedAt !== null) throw new AppError('MEETING_ENDED');
    return meeting;
  }

  return {
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
    async status(code) {
      const parsed = meetingCodeSchema.safeParse(code);
      const meeting = parsed.success ? await storage.meetings.findByCode(parsed.data) : null;
      if (!meeting) return 'unknown';
      return meeting.endedAt === null ? 'open' : 'ended';
    },
    async end(user, code) {
      const meeting = await findOpen(code);
      if (meeting.hostId !== user.id) throw new AppError('NOT_HOST');
      const endedAt = now();
      if (!(await storage.meetings.end(meeting.id, endedAt))) throw new AppError('MEETING_ENDED');
      const ended = { ...meeting, endedAt };
      onEnded(ended);
      return ended;
    },
  };
}

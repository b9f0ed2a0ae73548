import { meetingCodeSchema } from '@wava/protocol';
import type { MeetingWithHost, Storage } from '../db/Storage.js';
import {
  DEFAULT_CONTROLS_STATE,
  isRemovedFrom,
  meetingControlsStateSchema,
  type LoadedControls,
  type MeetingControlsState,
} from './meetingControlsState.js';

/**
 * How often a change is tried when others changed the same meeting's controls first, and the most it waits
 * between tries (a random part of it, so contenders spread out).
 */
const CHANGE_ATTEMPTS = 32;
const MAX_BACKOFF_MS = 20;

/**
 * What the hosts of each meeting decided (who hosts, co-hosts, lock, removals, settings), kept in the database,
 * which is the state of record: every decision reads it there, so a restarted server, or another server of the
 * deployment, decides from the same state. Changes are compare-and-set on a version, so concurrent ones (two
 * servers, two hosts) never overwrite each other.
 */
export interface MeetingControlsStore {
  /** The meeting with this code (its current title), or null. */
  meetingOf(code: string): Promise<MeetingWithHost | null>;
  load(meeting: Pick<MeetingWithHost, 'id' | 'hostId' | 'title'>): Promise<LoadedControls>;
  /**
   * Applies `change` to the current state and stores it; `change` returns the new state, or the same object for
   * "nothing to change" (nothing is written then), or throws an AppError. Returns the controls after it.
   */
  change(
    meeting: Pick<MeetingWithHost, 'id' | 'hostId' | 'title'>,
    change: (current: LoadedControls) => MeetingControlsState,
  ): Promise<{ controls: LoadedControls; changed: boolean }>;
  /** Renames the meeting (its title is the meeting's, shown with the controls). */
  setTitle(meetingId: string, title: string): Promise<void>;
  /**
   * Whether this account was removed from the meeting with this code (and not allowed back). False for codes that
   * match no meeting. For the lobby: a removed person waits there, or is refused (REMOVED).
   */
  isRemoved(meetingCode: string, userId: string): Promise<boolean>;
}

export function createMeetingControls(storage: Pick<Storage, 'meetings' | 'meetingControls'>): MeetingControlsStore {
  async function load(meeting: Pick<MeetingWithHost, 'id' | 'hostId' | 'title'>): Promise<LoadedControls> {
    const stored = await storage.meetingControls.load(meeting.id);
    const state = stored ? meetingControlsStateSchema.parse(JSON.parse(stored.state)) : DEFAULT_CONTROLS_STATE;
    return {
      meetingId: meeting.id,
      ownerId: meeting.hostId,
      title: meeting.title,
      version: stored?.version ?? 0,
      state,
    };
  }

  async function meetingOf(code: string): Promise<MeetingWithHost | null> {
    const parsed = meetingCodeSchema.safeParse(code);
    return parsed.success ? storage.meetings.findByCode(parsed.data) : null;
  }

  return {
    meetingOf,
    load,
    async change(meeting, change) {
      for (let attempt = 0; attempt < CHANGE_ATTEMPTS; attempt += 1) {
        const current = await load(meeting);
        const next = change(current);
        if (next === current.state) return { controls: current, changed: false };
        const state = meetingControlsStateSchema.parse(next);
        if (await storage.meetingControls.save(meeting.id, current.version, JSON.stringify(state))) {
          return { controls: { ...current, version: current.version + 1, state }, changed: true };
        }
        await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(MAX_BACKOFF_MS, 2 ** attempt)));
      }
      throw new Error(`meeting controls of ${meeting.id} kept changing under ${CHANGE_ATTEMPTS} attempts`);
    },
    setTitle: (meetingId, title) => storage.meetings.setTitle(meetingId, title),
    async isRemoved(meetingCode, userId) {
      const meeting = await meetingOf(meetingCode);
      return meeting !== null && isRemovedFrom((await load(meeting)).state, userId);
    },
  };
}

import {
  CO_HOSTS_MAX,
  DEFAULT_MEETING_SETTINGS,
  meetingSettingsSchema,
  REMOVED_MAX,
  type MeetingControls,
  type MeetingRole,
} from '@wava/protocol';
import { z } from 'zod';
import { AppError } from '../errors/AppError.js';

/** Most pending asks to unmute a meeting keeps; beyond it the oldest ask is forgotten. */
export const UNMUTE_ASKS_MAX = 500;

/** What the hosts of one meeting decided, as stored (meeting_controls.state). The title lives on the meeting. */
export const meetingControlsStateSchema = z.object({
  /** Whom hosting passed to; null: the meeting's creator hosts. */
  actingHostId: z.string().nullable(),
  coHostIds: z.array(z.string()).max(CO_HOSTS_MAX),
  locked: z.boolean(),
  settings: meetingSettingsSchema,
  removed: z.array(z.object({ userId: z.string(), displayName: z.string(), removedAt: z.number() })).max(REMOVED_MAX),
  /**
   * Seats (peer ids, which a rejoin keeps) a host or co-host asked to unmute: each may turn its microphone on once,
   * where only hosts may unmute. Stored here, so an ask outlives a server restart and holds on every server. Added
   * after migration 4; a stored state without it has no asks (the column is JSON, so no migration is needed).
   */
  unmuteAsks: z.array(z.string()).max(UNMUTE_ASKS_MAX).default([]),
});
export type MeetingControlsState = z.infer<typeof meetingControlsStateSchema>;

export const DEFAULT_CONTROLS_STATE: MeetingControlsState = Object.freeze({
  actingHostId: null,
  coHostIds: [],
  locked: false,
  settings: DEFAULT_MEETING_SETTINGS,
  removed: [],
  unmuteAsks: [],
});

/** One meeting's controls as loaded: the state, its stored version, and the meeting they belong to. */
export interface LoadedControls {
  meetingId: string;
  /** The meeting's creator (meetings.host_id): never removable, and hosting returns to them when they come back. */
  ownerId: string;
  title: string;
  version: number;
  state: MeetingControlsState;
}

/** The account hosting now. */
export function hostUserId(controls: Pick<LoadedControls, 'ownerId' | 'state'>): string {
  return controls.state.actingHostId ?? controls.ownerId;
}

export function roleOf(controls: Pick<LoadedControls, 'ownerId' | 'state'>, userId: string): MeetingRole {
  if (hostUserId(controls) === userId) return 'host';
  return controls.state.coHostIds.includes(userId) ? 'co-host' : 'participant';
}

/** A role as the controls clients see say it (protocol's moderationRules.ts, shared with the client). */
export { roleIn } from '@wava/protocol';

export function isRemovedFrom(state: MeetingControlsState, userId: string): boolean {
  return state.removed.some((entry) => entry.userId === userId);
}

/** The controls as clients see them (`moderation:state`). */
export function toControlsDto(controls: LoadedControls): MeetingControls {
  const host = hostUserId(controls);
  return {
    title: controls.title,
    hostUserId: host,
    coHostUserIds: controls.state.coHostIds.filter((id) => id !== host),
    locked: controls.state.locked,
    settings: controls.state.settings,
  };
}

/**
 * The co-hosts with `userId` added at the end (unless already one). A meeting has at most CO_HOSTS_MAX: one more is
 * refused with TOO_MANY_CO_HOSTS rather than failing where the state is stored.
 */
export function withCoHost(coHostIds: readonly string[], userId: string): string[] {
  if (coHostIds.includes(userId)) return [...coHostIds];
  if (coHostIds.length >= CO_HOSTS_MAX) throw new AppError('TOO_MANY_CO_HOSTS');
  return [...coHostIds, userId];
}

/** Whether a host's ask to unmute this seat is pending. */
export function unmuteAsked(state: MeetingControlsState, peerId: string): boolean {
  return state.unmuteAsks.includes(peerId);
}

/** The state with these seats' asks to unmute asked (`on`) or gone; the same object when nothing changes. */
export function withUnmuteAsks(
  state: MeetingControlsState,
  peerIds: readonly string[],
  on: boolean,
): MeetingControlsState {
  const others = state.unmuteAsks.filter((peerId) => !peerIds.includes(peerId));
  if (!on) return others.length === state.unmuteAsks.length ? state : { ...state, unmuteAsks: others };
  return { ...state, unmuteAsks: [...others, ...peerIds].slice(-UNMUTE_ASKS_MAX) };
}

/** Who takes over hosting: the longest-present co-host, else the longest-present person. Null: nobody is there. */
export function pickSuccessor(
  present: ReadonlyArray<{ userId: string; joinedAt: string }>,
  coHostIds: readonly string[],
): string | null {
  const byArrival = [...present].sort((a, b) => a.joinedAt.localeCompare(b.joinedAt));
  const coHost = byArrival.find((person) => coHostIds.includes(person.userId));
  return (coHost ?? byArrival[0])?.userId ?? null;
}

import {
  DEFAULT_MEETING_SETTINGS,
  meetingSettingsSchema,
  REMOVED_MAX,
  type MeetingControls,
  type MeetingRole,
} from '@wava/protocol';
import { z } from 'zod';

/** What the hosts of one meeting decided, as stored (meeting_controls.state). The title lives on the meeting. */
export const meetingControlsStateSchema = z.object({
  /** Whom hosting passed to; null: the meeting's creator hosts. */
  actingHostId: z.string().nullable(),
  coHostIds: z.array(z.string()).max(1000),
  locked: z.boolean(),
  settings: meetingSettingsSchema,
  removed: z.array(z.object({ userId: z.string(), displayName: z.string(), removedAt: z.number() })).max(REMOVED_MAX),
});
export type MeetingControlsState = z.infer<typeof meetingControlsStateSchema>;

export const DEFAULT_CONTROLS_STATE: MeetingControlsState = Object.freeze({
  actingHostId: null,
  coHostIds: [],
  locked: false,
  settings: DEFAULT_MEETING_SETTINGS,
  removed: [],
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

/** Who takes over hosting: the longest-present co-host, else the longest-present person. Null: nobody is there. */
export function pickSuccessor(
  present: ReadonlyArray<{ userId: string; joinedAt: string }>,
  coHostIds: readonly string[],
): string | null {
  const byArrival = [...present].sort((a, b) => a.joinedAt.localeCompare(b.joinedAt));
  const coHost = byArrival.find((person) => coHostIds.includes(person.userId));
  return (coHost ?? byArrival[0])?.userId ?? null;
}

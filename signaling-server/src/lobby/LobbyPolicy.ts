import type { LobbySettingsRepository, MeetingWithHost } from '../db/Storage.js';

/** The person asking (by account id, or a guest's id) and the meeting they ask about. */
export interface LobbySeat {
  meetingId: string;
  /** The meeting's host (meetings.host_id). */
  hostId: string;
  /** An account's id, or a guest session's id. */
  userId: string;
}

/**
 * What the waiting room needs to know about a meeting's settings and roles. The meeting's powers (roles, removals,
 * live settings) belong to the moderation module; the waiting room asks only through this interface.
 */
export interface LobbyPolicy {
  /** Whether people who may not admit must wait in the lobby. */
  lobbyEnabled(meeting: Pick<MeetingWithHost, 'id'>): Promise<boolean>;
  /** Whether guest sessions may be made for (and join) this meeting. */
  guestsAllowed(meeting: Pick<MeetingWithHost, 'id'>): Promise<boolean>;
  /** Whether this person may see the queue and admit or deny (the host and co-hosts). */
  canAdmit(seat: LobbySeat): boolean;
  /** Whether this person was removed from the meeting: they must knock even with the waiting room off. */
  isRemoved(meeting: Pick<MeetingWithHost, 'id'>, userId: string): Promise<boolean>;
  /** The waiting room setting a meeting was created with. */
  meetingCreated(meeting: Pick<MeetingWithHost, 'id'>, settings: { lobby: boolean }): Promise<void>;
}

/**
 * The policy until the moderation module's settings and roles take over: the waiting room as the meeting was
 * created (stored with the meeting, so it survives restarts; meetings from before the setting existed have none),
 * guests allowed, the host admits, nobody removed.
 */
export function createDefaultLobbyPolicy(settings: LobbySettingsRepository): LobbyPolicy {
  return {
    lobbyEnabled: async (meeting) => (await settings.get(meeting.id)) ?? false,
    guestsAllowed: async () => true,
    canAdmit: (seat) => seat.userId === seat.hostId,
    isRemoved: async () => false,
    meetingCreated: (meeting, { lobby }) => settings.set(meeting.id, lobby),
  };
}

import { runsMeeting, type MeetingRole } from '@wava/protocol';
import type { LobbySettingsRepository } from '../db/Storage.js';
import type { MeetingControlsStore } from '../meetings/createMeetingControls.js';
import { isRemovedFrom, type MeetingControlsState } from '../meetings/meetingControlsState.js';
import { createDefaultLobbyPolicy, type LobbyPolicy } from './LobbyPolicy.js';

/**
 * The waiting room as the host powers decide it: the meeting's live settings (`lobby`, `guests`), its removals,
 * and who runs it now (the host and co-hosts admit). The setting a meeting was created with is written into its
 * controls at creation, so a later change of another control does not reset it. Meetings from before the host
 * powers existed keep the setting stored with them (off when none).
 */
export function createModeratedLobbyPolicy(deps: {
  controls: MeetingControlsStore;
  settings: LobbySettingsRepository;
  /** The role of this account's seat in the meeting on this server, or undefined when it has none here. */
  roleOf(meetingId: string, userId: string): MeetingRole | undefined;
}): LobbyPolicy {
  const created = createDefaultLobbyPolicy(deps.settings);
  /** The stored controls, or null for a meeting whose controls were never written. */
  async function stored(meetingId: string): Promise<MeetingControlsState | null> {
    const loaded = await deps.controls.load({ id: meetingId, hostId: '', title: '' });
    return loaded.version === 0 ? null : loaded.state;
  }
  return {
    async lobbyEnabled(meeting) {
      const state = await stored(meeting.id);
      return state ? state.settings.lobby : created.lobbyEnabled(meeting);
    },
    guestsAllowed: async (meeting) => (await stored(meeting.id))?.settings.guests ?? true,
    canAdmit(seat) {
      const role = deps.roleOf(seat.meetingId, seat.userId);
      return role === undefined ? seat.userId === seat.hostId : runsMeeting(role);
    },
    isRemoved: async (meeting, userId) => {
      const state = await stored(meeting.id);
      return state !== null && isRemovedFrom(state, userId);
    },
    async meetingCreated(meeting, { lobby }) {
      await created.meetingCreated(meeting, { lobby });
      // Always a new state, so the meeting's controls are written (and `stored` answers from them from now on).
      await deps.controls.change({ id: meeting.id, hostId: '', title: '' }, (current) => ({
        ...current.state,
        settings: { ...current.state.settings, lobby },
      }));
    },
  };
}

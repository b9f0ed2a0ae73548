import type { MediaState, MediaUpdate } from './socketEvents.js';
import { runsMeeting, type MeetingControls, type MeetingRole, type MeetingSettings } from './moderationEvents.js';

/**
 * The rules of the host's powers that the server enforces and clients show before asking: a role from the
 * meeting's controls, and which of a person's own changes the settings refuse. One copy, for both sides.
 */

/** A person's role as the controls say it (roles belong to accounts). */
export function roleIn(controls: Pick<MeetingControls, 'hostUserId' | 'coHostUserIds'>, userId: string): MeetingRole {
  if (controls.hostUserId === userId) return 'host';
  return controls.coHostUserIds.includes(userId) ? 'co-host' : 'participant';
}

/**
 * Whether the meeting's settings refuse a person's own media change. Only turning something on can be refused:
 * a participant shares their screen only when everyone may, and turns their microphone on only when everyone may
 * or a host asked them to (`unmuteAsked`, used up by the unmute). Hosts and co-hosts are never refused; turning
 * things off never is.
 */
export function mediaChangeRefusal(input: {
  role: MeetingRole;
  settings: MeetingSettings;
  media: MediaState;
  update: MediaUpdate;
  unmuteAsked: boolean;
}): 'SCREEN_SHARE_HOSTS_ONLY' | 'UNMUTE_HOSTS_ONLY' | null {
  const { role, settings, media, update } = input;
  if (role !== 'participant') return null;
  if (update.screen === true && !media.screen && settings.screenShare === 'hosts') return 'SCREEN_SHARE_HOSTS_ONLY';
  if (update.audio === true && !media.audio && settings.unmute === 'hosts' && !input.unmuteAsked)
    return 'UNMUTE_HOSTS_ONLY';
  return null;
}

/**
 * Whether the settings refuse a chat message: while only hosts may chat, a participant may still write privately
 * to a host or co-host (`recipient`: the role of the private recipient, null for a message to everyone).
 */
export function chatRefusal(input: {
  role: MeetingRole;
  settings: Pick<MeetingSettings, 'chat'>;
  recipient: MeetingRole | null;
}): 'CHAT_HOSTS_ONLY' | null {
  if (input.settings.chat !== 'hosts' || runsMeeting(input.role)) return null;
  return input.recipient !== null && runsMeeting(input.recipient) ? null : 'CHAT_HOSTS_ONLY';
}

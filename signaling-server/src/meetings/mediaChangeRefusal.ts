import type { MediaState, MediaUpdate, MeetingRole, MeetingSettings } from '@wava/protocol';

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

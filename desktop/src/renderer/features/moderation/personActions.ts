import { runsMeeting, type MediaState, type MeetingRole } from '@wava/protocol';
import type { PersonAction } from '../../call/moderationStore.js';

export interface ActingOn {
  role: MeetingRole;
  media: MediaState;
  /** The meeting's creator: nobody can remove them. */
  creator: boolean;
  self: boolean;
}

/**
 * The host powers our role offers on one person, in the order the menu lists them: only what makes sense for
 * their state (mute someone whose microphone is on, ask someone whose microphone is off). Nothing on oneself,
 * and nothing for a participant; co-hosts cannot hand hosting over, change the host's role or remove the host,
 * and nobody removes the meeting's creator (the server refuses the same).
 */
export function personActions(myRole: MeetingRole | null, person: ActingOn): PersonAction[] {
  if (myRole === null || !runsMeeting(myRole) || person.self) return [];
  const actions: PersonAction[] = [];
  actions.push(person.media.audio ? 'mute' : 'askUnmute');
  if (person.media.video) actions.push('stopVideo');
  if (person.media.screen) actions.push('stopScreen');
  if (person.role === 'participant') actions.push('makeCoHost');
  if (person.role === 'co-host') actions.push('unmakeCoHost');
  if (myRole === 'host' && person.role !== 'host') actions.push('handOver');
  const hostIsOutOfReach = person.role === 'host' && myRole !== 'host';
  if (!person.creator && !hostIsOutOfReach) actions.push('remove');
  return actions;
}

/** Actions that ask first. */
export function needsConfirm(action: PersonAction): action is 'remove' | 'handOver' {
  return action === 'remove' || action === 'handOver';
}

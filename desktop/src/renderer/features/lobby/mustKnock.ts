import type { Meeting } from '@wava/protocol';

/**
 * Whether we must knock before joining: the server hides a meeting's host (and title) from whoever it would hold
 * in the waiting room, and only from them (a display name is never empty). Anyone else joins at once, with no
 * extra connection; should the waiting room come on meanwhile, the join says so (LOBBY_REQUIRED).
 */
export function mustKnock(meeting: Pick<Meeting, 'hostDisplayName'>): boolean {
  return meeting.hostDisplayName === '';
}

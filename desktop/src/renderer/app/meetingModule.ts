import type * as MeetingParts from './meetingParts.js';

/**
 * The meeting's code in its own chunk: the call core (PeerJS, Socket.io) and the meeting view. The sign-in
 * path never downloads it; App starts fetching it when pre-join opens, so it is there by the time Join is
 * pressed. A failed download is retried on the next call.
 */
export type MeetingModule = typeof MeetingParts;

let loading: Promise<MeetingModule> | null = null;

export function loadMeetingModule(): Promise<MeetingModule> {
  loading ??= import('./meetingParts.js').catch((error: unknown) => {
    loading = null;
    throw error;
  });
  return loading;
}

import type * as MeetingParts from './meetingParts.js';

/**
 * The meeting's code in its own chunk: the call core (PeerJS, Socket.io) and the meeting view. The sign-in
 * path never downloads it; App starts fetching it when pre-join opens, so it is there by the time Join is
 * pressed. A failed download is retried on the next call.
 */
export type MeetingModule = typeof MeetingParts;

let loading: Promise<MeetingModule> | null = null;
let loaded: MeetingModule | null = null;

export function loadMeetingModule(): Promise<MeetingModule> {
  loading ??= import('./meetingParts.js').then(
    (module) => (loaded = module),
    (error: unknown) => {
      loading = null;
      throw error;
    },
  );
  return loading;
}

/**
 * The meeting's chunk once it has arrived, else null. What renders from it then needs no `lazy`: a lazy component
 * suspends on its first render however early its chunk came, and React shows what a suspended boundary held back
 * no sooner than 300 ms after its fallback (its throttled reveal), which delayed the joiner's first picture.
 */
export function loadedMeetingModule(): MeetingModule | null {
  return loaded;
}

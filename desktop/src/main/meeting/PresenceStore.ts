import type { MeetingPresence } from '../../shared/ipcSchemas.js';

export const NOT_IN_MEETING: MeetingPresence = Object.freeze({
  inMeeting: false,
  sharingScreen: false,
  meetingCode: null,
  participantCount: 0,
});

/** What the renderer last said about the call. The tray, menu, sleep guard, updates and close prompt follow it. */
export interface PresenceStore {
  get(): MeetingPresence;
  set(presence: MeetingPresence): void;
  onChange(listener: (presence: MeetingPresence, previous: MeetingPresence) => void): () => void;
}

export function createPresenceStore(): PresenceStore {
  let current = NOT_IN_MEETING;
  const listeners = new Set<(presence: MeetingPresence, previous: MeetingPresence) => void>();
  return {
    get: () => current,
    set(presence) {
      const previous = current;
      current = Object.freeze({ ...presence, sharingScreen: presence.inMeeting && presence.sharingScreen });
      for (const listener of [...listeners]) listener(current, previous);
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

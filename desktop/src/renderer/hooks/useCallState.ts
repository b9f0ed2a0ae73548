import { useSyncExternalStore } from 'react';
import type { CallState } from '../call/callState.js';
import type { MeetingClient } from '../call/meetingClient.js';

/** The meeting's current snapshot; re-renders when the call core changes it. */
export function useCallState(client: MeetingClient): CallState {
  return useSyncExternalStore(client.subscribe, client.getSnapshot);
}

import { useMemo, useSyncExternalStore } from 'react';
import type { CallState } from '../call/callState.js';
import type { MeetingClient } from '../call/meetingClient.js';
import { notifyInNextTask } from '../util/notifyInNextTask.js';

/**
 * The meeting's current snapshot; re-renders when the call core changes it, in a task after the one that changed
 * it (see `notifyInNextTask`), so the call core's work and the render never make one long task together.
 */
export function useCallState(client: MeetingClient): CallState {
  const subscribe = useMemo(() => notifyInNextTask(client.subscribe), [client]);
  return useSyncExternalStore(subscribe, client.getSnapshot);
}

import { useMemo } from 'react';
import type { MeetingClient } from '../../call/meetingClient.js';

export interface MeetingActions {
  toggleMicrophone(): void;
  toggleCamera(): void;
  toggleShare(): void;
  leave(): void;
  endForEveryone(): void;
}

/**
 * What the meeting screen's controls do, as functions made once per meeting: the control bar is memoised, and
 * functions made at each render would render it again at every change of the call.
 */
export function useMeetingActions(client: MeetingClient): MeetingActions {
  return useMemo(
    () => ({
      toggleMicrophone: () => client.toggleMicrophone(),
      toggleCamera: () => client.toggleCamera(),
      toggleShare: () => client.toggleScreenShare(),
      leave: () => client.leave(),
      endForEveryone: () => void client.endForEveryone(),
    }),
    [client],
  );
}

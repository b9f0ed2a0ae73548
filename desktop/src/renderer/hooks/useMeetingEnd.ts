import { useEffect, useRef } from 'react';
import type { CallProblem } from '../call/callProblem.js';
import type { MeetingClient } from '../call/meetingClient.js';

/** How a meeting ended for us: why (nothing when we left), and whether our sign-in went with it. */
export interface MeetingEnd {
  problem: CallProblem | null;
  signedOut: boolean;
  /** We left by choice (Leave), so the meeting goes on and can be rejoined. */
  left: boolean;
}

/** Calls `onEnd` once when the meeting is over: left, ended, failed, or our sign-in was revoked. */
export function useMeetingEnd(client: MeetingClient | null, onEnd: (end: MeetingEnd) => void): void {
  const latest = useRef(onEnd);
  useEffect(() => {
    latest.current = onEnd;
  });
  useEffect(() => {
    if (!client) return;
    let done = false;
    const check = () => {
      const { phase, error } = client.getSnapshot();
      if (done || phase === 'idle' || phase === 'joining' || phase === 'in-meeting') return;
      done = true;
      latest.current({
        problem: phase === 'left' ? null : error,
        signedOut: phase === 'signed-out',
        left: phase === 'left' && !client.endedForEveryone,
      });
    };
    check();
    return client.subscribe(check);
  }, [client]);
}

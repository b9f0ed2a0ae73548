import { useEffect, useRef } from 'react';
import type { MeetingClient } from '../call/meetingClient.js';

/** Calls `onEnd` once when the meeting is over: left (no message), ended or failed (its sentence). */
export function useMeetingEnd(client: MeetingClient | null, onEnd: (message: string | null) => void): void {
  const latest = useRef(onEnd);
  useEffect(() => {
    latest.current = onEnd;
  });
  useEffect(() => {
    if (!client) return;
    let done = false;
    const check = () => {
      const { phase, error } = client.getSnapshot();
      if (done || (phase !== 'left' && phase !== 'ended' && phase !== 'failed')) return;
      done = true;
      latest.current(phase === 'left' ? null : error);
    };
    check();
    return client.subscribe(check);
  }, [client]);
}

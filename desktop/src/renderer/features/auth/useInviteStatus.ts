import type { MeetingStatus } from '@wava/protocol';
import { lazyApiClient } from '../../api/lazyApiClient.js';
import { useEffect, useState } from 'react';

/** What the sign-in screen knows about an invite link's meeting: still asking, or the server's answer. */
export type InviteStatus = MeetingStatus['status'] | 'checking';

/**
 * Asks the server, without signing in, whether the invited meeting is open, has ended or is unknown. When the
 * server cannot answer (offline, rate limit) it stays 'checking', and the screen says only that there is an invite.
 */
export function useInviteStatus(serverUrl: string, code: string | null): InviteStatus | null {
  const [answer, setAnswer] = useState<{ code: string; status: MeetingStatus['status'] } | null>(null);
  useEffect(() => {
    if (code === null) return;
    let alive = true;
    void lazyApiClient(serverUrl)
      .meetingStatus(code)
      .then((result) => {
        if (alive && result.ok) setAnswer({ code, status: result.data.status });
      });
    return () => {
      alive = false;
    };
  }, [serverUrl, code]);
  if (code === null) return null;
  return answer?.code === code ? answer.status : 'checking';
}

import { missingCaseError, signInRevoked } from '@wava/protocol';
import { serverProblem } from './callProblem.js';
import type { CallAction } from './callState.js';
import type { MeetingEnd } from './meetingEnd.js';

export interface MeetingEndOutcome {
  /** The end as it counts: an end by a revoked sign-in is a sign-out. */
  end: MeetingEnd;
  /** What the person sees (the store's action). */
  action: CallAction;
  /** Whether the server is told we left. */
  sendLeave: boolean;
}

/**
 * What one way of ending a meeting means (`MeetingClient.finish`): after a revoked sign-in there is no leave to send
 * (the server already freed our seat and closes the connection); after we ended it for everyone neither (the server
 * removed everyone); a join that failed may still have reached the server, which is told we left while connected.
 */
export function meetingEndOutcome(given: MeetingEnd, connected: boolean): MeetingEndOutcome {
  const end: MeetingEnd =
    given.type === 'ended' && signInRevoked(given.code) ? { type: 'signed-out', code: given.code } : given;
  switch (end.type) {
    case 'left':
      return { end, action: end, sendLeave: true };
    case 'ended-by-us':
      return { end, action: { type: 'left' }, sendLeave: false };
    case 'failed':
    case 'ended':
    case 'signed-out':
      return {
        end,
        action: {
          type: end.type,
          problem: (end.type === 'ended' ? end.problem : undefined) ?? serverProblem(end.code),
        },
        sendLeave: end.type === 'failed' && connected,
      };
    default:
      throw missingCaseError(end);
  }
}

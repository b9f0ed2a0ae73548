import type { ErrorCode } from '@wava/protocol';

/**
 * What to do when the server refuses our rejoin after a reconnect: the meeting is over for us (`end`,
 * with that code's sentence), our peer id was not accepted (`join-fresh`: rejoin as new, calls are
 * placed again), or it is a passing problem (`retry` with backoff).
 */
export type ResumeRefusalAction = 'end' | 'join-fresh' | 'retry';

export function resumeRefusalAction(code: ErrorCode): ResumeRefusalAction {
  switch (code) {
    case 'MEETING_ENDED':
    case 'MEETING_NOT_FOUND':
    case 'MEETING_FULL':
    case 'TOO_MANY_SEATS':
    case 'UNAUTHENTICATED':
    case 'TOKEN_INVALID':
    case 'REFRESH_REUSED':
    case 'NOT_IN_MEETING':
    case 'REMOVED':
    case 'MEETING_LOCKED':
    case 'LOBBY_REQUIRED':
    case 'LOBBY_DENIED':
    case 'GUESTS_NOT_ALLOWED':
    case 'GUEST_OTHER_MEETING':
      return 'end';
    case 'PEER_ID_REJECTED':
      return 'join-fresh';
    default:
      return 'retry';
  }
}

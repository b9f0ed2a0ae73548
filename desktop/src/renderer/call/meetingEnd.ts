import type { ErrorCode } from '@wava/protocol';
import type { CallProblem } from './callProblem.js';

/** Why the meeting is over for us; every way out goes through `MeetingClient.finish`. */
export type MeetingEnd =
  /** We left (the button, a shortcut, the page closing). */
  | { type: 'left' }
  /** We ended the meeting for everyone: nothing to rejoin, no sentence. */
  | { type: 'ended-by-us' }
  /** The server ended it for us (the host ended it or removed us, or our rejoin was refused for good); `problem` says more than the code alone. */
  | { type: 'ended'; code: ErrorCode; problem?: CallProblem }
  /** We never got in. */
  | { type: 'failed'; code: ErrorCode }
  /** Our sign-in was revoked: the person is signed out here too. */
  | { type: 'signed-out'; code: ErrorCode };

import { missingCaseError, type ErrorCode } from '@wava/protocol/plain';
import { errorSentence, type ErrorNotice } from '../i18n/errorSentence.js';
import { i18n } from '../i18n/i18n.js';
import { peerErrorMessage, type PeerErrorKind } from './peerErrorMessage.js';
import type { ScreenShareProblem } from './screenShare.js';

/**
 * What the meeting-error area says (and why the meeting ended or failed), kept as a code and its parameters: the
 * sentence is written at render by `callProblemSentence`, so a language switch rewrites it.
 */
export type CallProblem =
  /** A server error code: a refusal, or why the meeting ended for us. */
  | ({ type: 'server' } & ErrorNotice)
  /** A host removed us (`by`: their name). */
  | { type: 'removed'; by: string }
  /** PeerJS reported an error this Peer cannot go on from. */
  | { type: 'peer'; kind: PeerErrorKind }
  /** Our screen share did not start. */
  | { type: 'share'; problem: ScreenShareProblem };

export function serverProblem(code: ErrorCode, retryAfterSeconds?: number | null): CallProblem {
  return retryAfterSeconds == null ? { type: 'server', code } : { type: 'server', code, retryAfterSeconds };
}

/** The sentence for a problem, in the interface's language now: call it while rendering. */
export function callProblemSentence(problem: CallProblem): string {
  switch (problem.type) {
    case 'server':
      return errorSentence(problem.code, problem.retryAfterSeconds);
    case 'removed':
      return i18n.t('moderation.removedBy', { name: problem.by });
    case 'peer':
      return peerErrorMessage(problem.kind);
    case 'share':
      return i18n.t(problem.problem === 'failed' ? 'call.shareFailed' : 'call.nothingChosen');
    default:
      throw missingCaseError(problem);
  }
}

import { missingCaseError, parseInvite } from '@wava/protocol/plain';
import { sameServer } from '../../util/sameServer.js';
import { i18n } from '../../i18n/i18n.js';

/** Why what was typed cannot be joined from here; its sentence is written at render (`joinProblemSentence`). */
export type JoinProblem = { reason: 'empty' } | { reason: 'not-a-code' } | { reason: 'other-server'; host: string };

export type JoinTarget = { ok: true; code: string } | { ok: false; problem: JoinProblem };

/**
 * What a person typed or pasted into "Join a meeting": a code (any case, spaces or dashes) or an
 * invite link. A link to another Wava server cannot be joined from this one, and says so.
 */
export function joinTargetOf(input: string, serverOrigin: string): JoinTarget {
  if (input.trim() === '') return { ok: false, problem: { reason: 'empty' } };
  const invite = parseInvite(input);
  if (!invite) return { ok: false, problem: { reason: 'not-a-code' } };
  if (invite.serverOrigin !== null && !sameServer(invite.serverOrigin, serverOrigin)) {
    return { ok: false, problem: { reason: 'other-server', host: hostOf(invite.serverOrigin) } };
  }
  return { ok: true, code: invite.code };
}

/** The sentence for a join problem, in the interface's language now: call it while rendering. */
export function joinProblemSentence(problem: JoinProblem): string {
  switch (problem.reason) {
    case 'empty':
      return i18n.t('home.enterCode');
    case 'not-a-code':
      return i18n.t('home.notACode');
    case 'other-server':
      return i18n.t('joinTarget.otherServer', { host: problem.host });
    default:
      throw missingCaseError(problem);
  }
}

function hostOf(origin: string): string {
  try {
    return new URL(origin).host;
  } catch {
    return origin;
  }
}

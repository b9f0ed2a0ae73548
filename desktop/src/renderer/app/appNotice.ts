import { missingCaseError } from '@wava/protocol/plain';
import { callProblemSentence, type CallProblem } from '../call/callProblem.js';
import { i18n } from '../i18n/i18n.js';

/**
 * A notice on Home or on the sign-in screen, kept as a code and its parameters: why a meeting could not be opened,
 * why it ended, or why we are signed out. `appNoticeSentence` writes it at render, in the language shown.
 */
export type AppNotice =
  | CallProblem
  /** A /j/ address that holds no meeting code. */
  | { type: 'invalid-invite' }
  /** Signed out (or in as someone else) in another tab of this browser. */
  | { type: 'signed-out-elsewhere' }
  /** A newer version of Wava, in another tab, holds the sign-in: this page must be reloaded to use it. */
  | { type: 'updated-elsewhere' };

export function appNoticeSentence(notice: AppNotice): string {
  switch (notice.type) {
    case 'invalid-invite':
      return i18n.t('app.invalidInvite');
    case 'signed-out-elsewhere':
      return i18n.t('app.signedOutElsewhere');
    case 'updated-elsewhere':
      return i18n.t('updatedElsewhere.notice');
    case 'server':
    case 'removed':
    case 'peer':
    case 'share':
      return callProblemSentence(notice);
    default:
      throw missingCaseError(notice);
  }
}

/**
 * Whether the notice is answered by reloading the page (Wava was updated in another tab, or part of it could not
 * be loaded): a Reload button goes beside it.
 */
export function asksForReload(notice: AppNotice | null): boolean {
  if (notice === null) return false;
  return notice.type === 'updated-elsewhere' || (notice.type === 'server' && notice.code === 'RELOAD_NEEDED');
}

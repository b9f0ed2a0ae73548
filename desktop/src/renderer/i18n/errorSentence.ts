import { isErrorCode, type ErrorCode } from '@wava/protocol/plain';
import en from '../../shared/locales/en.json';
import { i18n } from './i18n.js';
import { waitText } from './waitText.js';

/** A server error kept as data (a code, and how long to wait when it says), whose sentence is written at render. */
export interface ErrorNotice {
  code: ErrorCode;
  retryAfterSeconds?: number | null | undefined;
}

/** The codes whose sentence can say how long to wait (RATE_LIMITED, TOO_MANY_MEETINGS), per the catalogs. */
type WaitCode = keyof typeof en.errorsWithWait;

function hasWaitSentence(code: ErrorCode): code is ErrorCode & WaitCode {
  return Object.hasOwn(en.errorsWithWait, code);
}

/**
 * The sentence a person sees for a server error code, in the interface's language: the renderer's counterpart of
 * protocol's `userMessage` (whose English stays the server's and the catalogs' source). With `retryAfterSeconds`,
 * codes that come with a waiting time say how long, with the language's plural rules. Unknown input maps to the
 * generic sentence.
 */
export function errorSentence(code: unknown, retryAfterSeconds?: number | null): string {
  const known: ErrorCode = isErrorCode(code) ? code : 'INTERNAL';
  if (hasWaitSentence(known) && typeof retryAfterSeconds === 'number' && retryAfterSeconds > 0) {
    return i18n.t(`errorsWithWait.${known}`, { wait: waitText(retryAfterSeconds) });
  }
  return i18n.t(`errors.${known}`);
}

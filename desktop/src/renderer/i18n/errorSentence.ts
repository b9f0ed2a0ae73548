import { isErrorCode, type ErrorCode } from '@wava/protocol';
import { i18n } from './i18n.js';
import { waitText } from './waitText.js';

/**
 * The sentence a person sees for a server error code, in the interface's language: the renderer's counterpart of
 * protocol's `userMessage` (whose English stays the server's and the catalogs' source). With `retryAfterSeconds`,
 * codes that come with a waiting time say how long. Unknown input maps to the generic sentence.
 */
export function errorSentence(code: unknown, retryAfterSeconds?: number | null): string {
  const known: ErrorCode = isErrorCode(code) ? code : 'INTERNAL';
  const waitKey = `errorsWithWait.${known}` as const;
  if (typeof retryAfterSeconds === 'number' && retryAfterSeconds > 0 && i18n.exists(waitKey)) {
    return i18n.t(waitKey as 'errorsWithWait.RATE_LIMITED', { wait: waitText(retryAfterSeconds) });
  }
  return i18n.t(`errors.${known}`);
}

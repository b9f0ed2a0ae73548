import type { TokenStorageStatus } from '../../shared/ipcSchemas.js';
import { englishText, type MainText } from '../i18n/mainText.js';
import type { Prompt } from '../prompts/Prompt.js';

/** After a sign-in where the OS cannot protect the stored token: keep it only until quitting (default), or anyway. */
export function unprotectedStoragePrompt(
  protection: Exclude<TokenStorageStatus['protection'], 'os-keystore'>,
  t: MainText = englishText,
): Prompt<'session-only' | 'stay-signed-in'> {
  return {
    type: 'warning',
    message: t('shell.storage.message'),
    detail: protection === 'basic-text' ? t('shell.storage.basicText') : t('shell.storage.unavailable'),
    buttons: [
      { label: t('shell.storage.sessionOnly'), answer: 'session-only' },
      { label: t('shell.storage.staySignedIn'), answer: 'stay-signed-in' },
    ],
    defaultAnswer: 'session-only',
    cancelAnswer: 'session-only',
  };
}

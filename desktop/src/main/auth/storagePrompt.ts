import type { TokenStorageStatus } from '../../shared/ipcSchemas.js';
import type { Prompt } from '../prompts/Prompt.js';

/** After a sign-in where the OS cannot protect the stored token: keep it only until quitting (default), or anyway. */
export function unprotectedStoragePrompt(
  protection: Exclude<TokenStorageStatus['protection'], 'os-keystore'>,
): Prompt<'session-only' | 'stay-signed-in'> {
  return {
    type: 'warning',
    message: 'Wava cannot protect your sign-in on this computer',
    detail:
      protection === 'basic-text'
        ? 'No system keyring (such as GNOME Keyring or KWallet) is available, so a saved sign-in could be read by ' +
          'other programs running as you. Wava keeps you signed in only until you quit, unless you choose otherwise.'
        : 'This system offers no way to encrypt a saved sign-in. Wava keeps you signed in only until you quit, ' +
          'unless you choose otherwise.',
    buttons: [
      { label: 'Sign Me In Each Time', answer: 'session-only' },
      { label: 'Stay Signed In Anyway', answer: 'stay-signed-in' },
    ],
    defaultAnswer: 'session-only',
    cancelAnswer: 'session-only',
  };
}

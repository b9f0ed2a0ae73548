import { englishText, type MainText } from '../i18n/mainText.js';
import type { Prompt } from '../prompts/Prompt.js';

/** What a person sees of a server: its host (IDN as punycode, so a look-alike name cannot pass for the real one). */
export function hostOf(origin: string): string {
  try {
    return new URL(origin).host;
  } catch {
    return origin;
  }
}

/**
 * An invite names another server. Cancel is the default (Enter and Escape both keep the current server), both hosts
 * are named, and the person is told the switch sticks only once they sign in there.
 */
export function switchServerPrompt(
  currentUrl: string,
  proposedOrigin: string,
  t: MainText = englishText,
): Prompt<'switch' | 'cancel'> {
  const hosts = { current: hostOf(currentUrl), proposed: hostOf(proposedOrigin) };
  return {
    type: 'warning',
    message: t('shell.invite.switchMessage', hosts),
    detail: t('shell.invite.switchDetail', hosts),
    buttons: [
      { label: t('shell.invite.cancel'), answer: 'cancel' },
      { label: t('shell.invite.switchTo', hosts), answer: 'switch' },
    ],
    defaultAnswer: 'cancel',
    cancelAnswer: 'cancel',
  };
}

/** An invite for another server that Wava will not switch to. */
export function refusedInvitePrompt(
  reason: 'locked' | 'insecure',
  currentUrl: string,
  proposedOrigin: string,
  t: MainText = englishText,
): Prompt<'ok'> {
  return {
    type: 'info',
    message: t('shell.invite.otherServer'),
    detail:
      reason === 'locked'
        ? t('shell.invite.locked', { proposed: hostOf(proposedOrigin), current: hostOf(currentUrl) })
        : t('shell.invite.insecure', { proposed: proposedOrigin }),
    buttons: [{ label: t('shell.invite.ok'), answer: 'ok' }],
    defaultAnswer: 'ok',
    cancelAnswer: 'ok',
  };
}

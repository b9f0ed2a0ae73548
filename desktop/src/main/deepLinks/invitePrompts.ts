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
export function switchServerPrompt(currentUrl: string, proposedOrigin: string): Prompt<'switch' | 'cancel'> {
  const current = hostOf(currentUrl);
  const proposed = hostOf(proposedOrigin);
  return {
    type: 'warning',
    message: `Switch Wava from ${current} to ${proposed}?`,
    detail:
      `This invite is for a meeting on ${proposed}. Wava is set to use ${current}. ` +
      `Switch only if you trust ${proposed}: the password you type next goes to that server. ` +
      `Switching signs you out of ${current}. Wava keeps ${proposed} only after you sign in there; ` +
      `until then, restarting Wava returns to ${current}.`,
    buttons: [
      { label: 'Cancel', answer: 'cancel' },
      { label: `Switch to ${proposed}`, answer: 'switch' },
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
): Prompt<'ok'> {
  return {
    type: 'info',
    message: 'This invite is for another Wava server',
    detail:
      reason === 'locked'
        ? `The invite is for ${hostOf(proposedOrigin)}, but your organisation has set Wava to use ${hostOf(currentUrl)}.`
        : `The invite is for ${proposedOrigin}, which does not use a secure (https) connection. Wava does not switch to it.`,
    buttons: [{ label: 'OK', answer: 'ok' }],
    defaultAnswer: 'ok',
    cancelAnswer: 'ok',
  };
}

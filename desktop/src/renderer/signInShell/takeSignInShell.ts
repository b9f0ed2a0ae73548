import type { AuthPrefill } from '../features/auth/authForm.js';
import { isLanguage } from '../i18n/languages.js';
import { isPressableControl, keptFields, SIGN_IN_SHELL } from './signInShellDom.js';

const FIELDS = { username: 'auth-username', displayName: 'auth-display-name', password: 'auth-password' } as const;

/**
 * What the person did in the revealed sign-in shell, for the app's sign-in screen to go on from: what they typed,
 * where the caret is, a Sign in they already pressed. Null when no shell is showing.
 */
export function readSignInShell(doc: Document): AuthPrefill | null {
  const shell = doc.getElementById(SIGN_IN_SHELL.id);
  if (!shell || shell.hidden) return null;
  const input = (testId: string) => shell.querySelector<HTMLInputElement>(`input[data-testid="${testId}"]`);
  const username = input(FIELDS.username);
  const displayName = input(FIELDS.displayName);
  const password = input(FIELDS.password);
  const chosen = shell.getAttribute(SIGN_IN_SHELL.chosenLanguage);
  const pressed = shell.getAttribute(SIGN_IN_SHELL.pressing);
  const pressedBy = shell.getAttribute(SIGN_IN_SHELL.pressedBy) === 'space' ? 'space' : 'pointer';
  // Whatever had the keyboard (a field, Sign in, the language list): the app's screen has the same test ids.
  const active = doc.activeElement;
  const focused = active && shell.contains(active) ? active.getAttribute('data-testid') : null;
  const caret = active instanceof HTMLInputElement && shell.contains(active) ? active : null;
  return {
    username: username?.value ?? '',
    // Typed while registering, then hidden by a switch to signing in: the app's form keeps it likewise.
    displayName: displayName?.value ?? keptFields(shell).get(FIELDS.displayName) ?? '',
    password: password?.value ?? '',
    mode: shell.hasAttribute(SIGN_IN_SHELL.registering) ? 'register' : 'sign-in',
    submit: shell.hasAttribute(SIGN_IN_SHELL.submitted),
    pressing: isPressableControl(pressed) ? { control: pressed, by: pressedBy } : null,
    language: isLanguage(chosen) ? chosen : null,
    focus: focused ? { testId: focused, start: caret?.selectionStart ?? null, end: caret?.selectionEnd ?? null } : null,
  };
}

/** Removes the shell and its style: the app's own screen is on the page from now on. */
export function removeSignInShell(doc: Document): void {
  doc.getElementById(SIGN_IN_SHELL.id)?.remove();
  doc.getElementById(SIGN_IN_SHELL.styleId)?.remove();
}

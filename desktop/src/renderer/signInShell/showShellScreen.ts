import type { AuthMode } from '../features/auth/authForm.js';
import type { Language } from '../i18n/languages.js';
import { keptFields, SIGN_IN_SHELL } from './signInShellDom.js';

/**
 * Shows, in the sign-in shell, a copy of its prerendered screen for `language` and `mode` (signing in or
 * registering), in place of the one showing: what was typed goes along (what the new screen has no field for is
 * kept on the shell until a screen has it again), and the keyboard stays on the same control (by test id: the
 * language list, "Create account", a field). False when the shell has no such screen.
 */
export function showShellScreen(shell: HTMLElement, language: Language, mode: AuthMode): boolean {
  const doc = shell.ownerDocument;
  const template = [...shell.querySelectorAll<HTMLTemplateElement>(':scope > template')].find(
    (candidate) =>
      candidate.getAttribute(SIGN_IN_SHELL.languageAttribute) === language &&
      candidate.getAttribute(SIGN_IN_SHELL.modeAttribute) === mode,
  );
  if (!template) return false;
  const showing = [...shell.children].filter((child) => !(child instanceof HTMLTemplateElement));
  const fields = showing.flatMap((screen) => [...screen.querySelectorAll<HTMLInputElement>('input[data-testid]')]);
  const typed = new Map([...keptFields(shell), ...fields.map((input) => [input.dataset.testid, input.value] as const)]);
  // A password is never written into an attribute (both screens have its field anyway).
  const secret = new Set(fields.filter((input) => input.type === 'password').map((input) => input.dataset.testid));
  const active = doc.activeElement;
  const focused =
    active instanceof HTMLElement && showing.some((screen) => screen.contains(active)) ? active.dataset.testid : null;

  const screen = template.content.cloneNode(true) as DocumentFragment;
  for (const input of screen.querySelectorAll<HTMLInputElement>('input[data-testid]')) {
    const value = typed.get(input.dataset.testid);
    if (value !== undefined) input.value = value;
    typed.delete(input.dataset.testid);
  }
  const kept = [...typed].filter(([testId, value]) => testId !== undefined && !secret.has(testId) && value !== '');
  if (kept.length > 0) shell.setAttribute(SIGN_IN_SHELL.keptFields, JSON.stringify(Object.fromEntries(kept)));
  else shell.removeAttribute(SIGN_IN_SHELL.keptFields);
  const next = screen.querySelector<HTMLElement>(`[data-testid="${focused ?? ''}"]`);
  for (const old of showing) old.remove();
  shell.prepend(screen);
  next?.focus();
  doc.documentElement.lang = language;
  shell.toggleAttribute(SIGN_IN_SHELL.registering, mode === 'register');
  return true;
}

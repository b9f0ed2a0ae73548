import type { AuthMode } from '../features/auth/authForm.js';
import type { Language } from '../i18n/languages.js';
import { SIGN_IN_SHELL } from './signInShellDom.js';

/**
 * Shows, in the sign-in shell, a copy of its prerendered screen for `language` and `mode` (signing in or
 * registering), in place of the one showing: what was typed goes along, and the keyboard stays on the same
 * control (by test id: the language list, "Create account", a field). False when the shell has no such screen.
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
  const typed = new Map(
    showing.flatMap((screen) =>
      [...screen.querySelectorAll<HTMLInputElement>('input[data-testid]')].map(
        (input) => [input.dataset.testid, input.value] as const,
      ),
    ),
  );
  const active = doc.activeElement;
  const focused =
    active instanceof HTMLElement && showing.some((screen) => screen.contains(active)) ? active.dataset.testid : null;

  const screen = template.content.cloneNode(true) as DocumentFragment;
  for (const input of screen.querySelectorAll<HTMLInputElement>('input[data-testid]')) {
    const value = typed.get(input.dataset.testid);
    if (value !== undefined) input.value = value;
  }
  const next = screen.querySelector<HTMLElement>(`[data-testid="${focused ?? ''}"]`);
  for (const old of showing) old.remove();
  shell.prepend(screen);
  next?.focus();
  doc.documentElement.lang = language;
  shell.toggleAttribute(SIGN_IN_SHELL.registering, mode === 'register');
  return true;
}

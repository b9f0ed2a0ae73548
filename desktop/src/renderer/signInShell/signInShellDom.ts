/**
 * The sign-in shell: the sign-in screen rendered into index.html at build time (desktop/vite/prerenderSignInShell.ts),
 * so a person who is not signed in sees the form and can type before the app's scripts have arrived. Hidden until
 * revealSignInShell.ts has checked that no sign-in is stored; the app takes it over (takeSignInShell.ts) as soon as
 * it renders a screen. These names are what the three parts agree on.
 */
export const SIGN_IN_SHELL = Object.freeze({
  /** The shell's element, a sibling before `#root`, with the `hidden` attribute until revealed. */
  id: 'signin-shell',
  /** Its `<style>` in the head, removed with it. */
  styleId: 'signin-shell-style',
  /**
   * One `<template data-language="en" data-mode="sign-in">` per language and mode (signing in, registering): the
   * shell shows a copy of one, and switches to another when the person picks a language or "Create account".
   */
  languageAttribute: 'data-language',
  modeAttribute: 'data-mode',
  /** Set on the shell by the reveal script: what the person did before the app took over. */
  submitted: 'data-submitted',
  /**
   * The data-testid of the button held down (Sign in, "Create an account"; pressed, not yet released): a release
   * after the takeover lands on the app's button of that id.
   */
  pressing: 'data-pressing',
  /** What holds it down (HeldPress's `by`): `pointer`, or `space` (the Space key, on the focused button). */
  pressedBy: 'data-pressed-by',
  /** Set while the shell shows the registration form. */
  registering: 'data-registering',
  /** Set when the person picked a language in the shell. */
  chosenLanguage: 'data-chosen-language',
  /**
   * What was typed into a field the screen showing lacks (the display name, while signing in), as JSON by
   * data-testid: a switch back to registering puts it in again, and the app takes it over. Never a password.
   */
  keptFields: 'data-kept-fields',
});

/** The typed values the shell keeps for fields not showing (SIGN_IN_SHELL.keptFields); none when unreadable. */
export function keptFields(shell: Element): Map<string, string> {
  try {
    const kept: unknown = JSON.parse(shell.getAttribute(SIGN_IN_SHELL.keptFields) ?? '{}');
    if (typeof kept !== 'object' || kept === null) return new Map();
    return new Map(Object.entries(kept).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  } catch {
    return new Map();
  }
}

/** The sign-in screen's buttons a press on the shell can carry over to the app (by data-testid), when held down. */
export const PRESSABLE_CONTROLS = ['auth-submit', 'auth-mode-toggle'] as const;
export type PressableControl = (typeof PRESSABLE_CONTROLS)[number];

export function isPressableControl(value: unknown): value is PressableControl {
  return typeof value === 'string' && (PRESSABLE_CONTROLS as readonly string[]).includes(value);
}

/**
 * A button held down on the shell when the app took over: which one, and what holds it (a pointer, or the Space key
 * on the focused button; Enter needs no carrying, as a button acts on its press).
 */
export interface HeldPress {
  control: PressableControl;
  by: 'pointer' | 'space';
}

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
  /** Sign in held down (pressed, not yet released): a release after the takeover lands on the app's button. */
  pressing: 'data-pressing',
  /** Set while the shell shows the registration form. */
  registering: 'data-registering',
  /** Set when the person picked a language in the shell. */
  chosenLanguage: 'data-chosen-language',
});

import type { SignInShellMarkup } from './renderSignInShell.js';
import { SIGN_IN_SHELL } from './signInShellDom.js';

/**
 * The built index.html with the sign-in shell in it: its style in the head, its small entry (`script`, with its
 * `imports` preloaded so nothing waits for another round trip) ahead of the app's own script, and the screen in
 * each language and mode just before `#root`, as templates (inert, outside the document, so no id or field is there twice). Paths are from the build root (the page is served at `/j/CODE` too).
 */
export function withSignInShell(
  html: string,
  markup: SignInShellMarkup,
  script: string,
  imports: readonly string[],
): string {
  if (!html.includes('<div id="root">') || !html.includes('<script type="module"')) {
    throw new Error('index.html has no #root or module script for the sign-in shell to go with.');
  }
  const head =
    `<style id="${SIGN_IN_SHELL.styleId}">${markup.css}</style>\n` +
    `    <script type="module" crossorigin src="/${script}"></script>\n` +
    imports.map((file) => `    <link rel="modulepreload" crossorigin href="/${file}">\n`).join('') +
    '    ';
  const screens = markup.screens
    .map(
      ({ language, mode, html: screen }) =>
        `<template ${SIGN_IN_SHELL.languageAttribute}="${language}" ${SIGN_IN_SHELL.modeAttribute}="${mode}">` +
        `<div lang="${language}">${screen}</div></template>`,
    )
    .join('');
  const body = `<div id="${SIGN_IN_SHELL.id}" hidden>${screens}</div>\n    <div id="root">`;
  // Functions, not strings, as replacements: a string's `$&`, `$'` or `` $` `` (a dollar sign in a sentence or a style)
  // would write the matched text or a copy of the page into it.
  return html
    .replace('<script type="module"', () => `${head}<script type="module"`)
    .replace('<div id="root">', () => body);
}

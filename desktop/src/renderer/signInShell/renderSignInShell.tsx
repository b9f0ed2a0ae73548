import { renderToString } from 'react-dom/server';
import { ServerStyleSheet, ThemeProvider } from 'styled-components';
import { AuthScreen } from '../features/auth/AuthScreen.js';
import type { AuthMode } from '../features/auth/authForm.js';
import { i18n } from '../i18n/i18n.js';
import { DEFAULT_LANGUAGE, LANGUAGES, type Language } from '../i18n/languages.js';
import type { AuthStore } from '../platform/Platform.js';
import { GlobalStyle } from '../ui/theme/GlobalStyle.js';
import { darkTheme, lightTheme, type Theme } from '../ui/theme/theme.js';
import { SIGN_IN_SHELL } from './signInShellDom.js';

export interface SignInShellMarkup {
  /** For a `<style>` in the head: both colour schemes (as custom properties) and the screen's rules. */
  css: string;
  /** The screen in each language, signing in and registering. */
  screens: { language: Language; mode: AuthMode; html: string }[];
}

/** Never called: the shell has no behaviour of its own (the app takes it over before anything is sent). */
const INERT_AUTH: AuthStore = {
  register: () => Promise.reject(new Error('the sign-in shell sends nothing')),
  login: () => Promise.reject(new Error('the sign-in shell sends nothing')),
  restore: () => Promise.resolve(null),
  accessToken: () => Promise.reject(new Error('the sign-in shell sends nothing')),
  logout: () => Promise.resolve(),
};

const MODES: readonly AuthMode[] = ['sign-in', 'register'];

/** An empty form (a layout effect carries a prefill over, and none runs here): only its mode is used. */
const EMPTY_FORM = {
  username: '',
  displayName: '',
  password: '',
  submit: false,
  pressing: null,
  language: null,
  focus: null,
};

const variable = (name: string) => `--wava-${name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;

/** The theme's colours and shadows as custom properties, so one markup follows the OS scheme as the app does. */
function schemeProperties(theme: Theme): string {
  const colors = Object.entries(theme.color).map(([name, value]) => `${variable(name)}:${value};`);
  const shadows = Object.entries(theme.shadow).map(([name, value]) => `${variable(`shadow-${name}`)}:${value};`);
  return `${colors.join('')}${shadows.join('')}${variable('scheme')}:${theme.mode};`;
}

/** The dark theme with every colour, shadow and the scheme read from the custom properties. */
function propertyTheme(): Theme {
  const color = Object.fromEntries(Object.keys(darkTheme.color).map((name) => [name, `var(${variable(name)})`]));
  const shadow = Object.fromEntries(
    Object.keys(darkTheme.shadow).map((name) => [name, `var(${variable(`shadow-${name}`)})`]),
  );
  return {
    ...darkTheme,
    // Only ever written into CSS (`color-scheme`), where the custom property gives the scheme of the moment.
    mode: `var(${variable('scheme')})` as Theme['mode'],
    color: color as Theme['color'],
    shadow: shadow as Theme['shadow'],
  };
}

/**
 * The sign-in screen as the app renders it (the same components, in each language), to HTML and CSS. Run at build
 * time in Node; desktop/vite/prerenderSignInShell.ts puts the result into index.html.
 */
export function renderSignInShell(): SignInShellMarkup {
  const sheet = new ServerStyleSheet();
  const theme = propertyTheme();
  try {
    const screens = LANGUAGES.flatMap((language) =>
      MODES.map((mode) => {
        void i18n.changeLanguage(language);
        const html = renderToString(
          sheet.collectStyles(
            <ThemeProvider theme={theme}>
              <GlobalStyle />
              <AuthScreen auth={INERT_AUTH} onSignedIn={() => undefined} prefill={{ ...EMPTY_FORM, mode }} />
            </ThemeProvider>,
          ),
          { identifierPrefix: `${SIGN_IN_SHELL.id}-${language}-${mode}-` },
        );
        return { language, mode, html };
      }),
    );
    const rules = sheet.getStyleTags().replace(/<\/?style[^>]*>/g, '');
    const css =
      `:root{${schemeProperties(darkTheme)}}` +
      `@media (prefers-color-scheme: light){:root{${schemeProperties(lightTheme)}}}` +
      // The shell covers the page (the app renders its first screen into #root beneath it, then removes it).
      `#${SIGN_IN_SHELL.id}:not([hidden]){position:fixed;inset:0;overflow:auto}#${SIGN_IN_SHELL.id}>div{height:100%}` +
      rules;
    return { css, screens };
  } finally {
    sheet.seal();
    void i18n.changeLanguage(DEFAULT_LANGUAGE);
  }
}

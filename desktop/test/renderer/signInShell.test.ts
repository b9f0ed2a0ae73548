import { afterEach, describe, expect, it } from 'vitest';
import { renderSignInShell } from '../../src/renderer/signInShell/renderSignInShell.js';
import { mayBeSession, revealSignInShell, showsSignInShell } from '../../src/renderer/signInShell/revealSignInShell.js';
import { SIGN_IN_SHELL } from '../../src/renderer/signInShell/signInShellDom.js';
import { readSignInShell, removeSignInShell } from '../../src/renderer/signInShell/takeSignInShell.js';
import { withSignInShell } from '../../src/renderer/signInShell/withSignInShell.js';

/** The shape of the built index.html before the shell goes in (what Vite writes). */
const BUILT_PAGE = `<!doctype html>
<html lang="en">
  <head>
    <title>Wava</title>
    <script type="module" crossorigin src="/assets/index-A1.js"></script>
    <link rel="modulepreload" crossorigin href="/assets/Button-B2.js">
  </head>
  <body>
    <div id="root"></div>
  </body>
</html>`;

const page = withSignInShell(BUILT_PAGE, renderSignInShell(), 'assets/signInShell-C3.js', ['assets/shared-D4.js']);

/** Loads the built page into this document (jsdom), as the browser would have parsed it. */
function loadPage(): void {
  const parsed = new DOMParser().parseFromString(page, 'text/html');
  document.head.innerHTML = parsed.head.innerHTML;
  document.body.innerHTML = parsed.body.innerHTML;
}

const shell = () => document.getElementById(SIGN_IN_SHELL.id);
const inShell = <T extends Element>(selector: string) => shell()?.querySelector<T>(selector) ?? null;

describe('the sign-in shell in the built page', () => {
  afterEach(() => {
    document.head.innerHTML = '';
    document.body.innerHTML = '';
    delete (window as { wava?: unknown }).wava;
  });

  it('holds the sign-in screen in each language, hidden, before #root, with its script ahead of the app', () => {
    expect(page.indexOf('/assets/signInShell-C3.js')).toBeLessThan(page.indexOf('/assets/index-A1.js'));
    expect(page).toContain('<link rel="modulepreload" crossorigin href="/assets/shared-D4.js">');
    loadPage();
    expect(document.getElementById(SIGN_IN_SHELL.styleId)?.textContent).toContain('prefers-color-scheme: light');
    expect(shell()?.hidden).toBe(true);
    expect(shell()?.nextElementSibling?.id).toBe('root');
    // Nothing of it is in the document yet (templates): no field or id twice, whatever the tests or tools look for.
    expect(document.querySelectorAll('[data-testid="auth-username"]')).toHaveLength(0);
    const screen = (language: string, mode = 'sign-in') =>
      inShell<HTMLTemplateElement>(`template[data-language="${language}"][data-mode="${mode}"]`)?.content ?? null;
    expect(screen('en')?.querySelector('h1')?.textContent).toBe('Sign in');
    expect(screen('ko')?.querySelector('h1')?.textContent).toBe('로그인');
    expect(screen('ko')?.querySelector('div[lang="ko"]')).not.toBeNull();
    expect(screen('ko')?.querySelector<HTMLSelectElement>('[data-testid="language-select"]')?.value).toBe('ko');
    expect(screen('en', 'register')?.querySelector('h1')?.textContent).toBe('Create your account');
    expect(screen('ko', 'register')?.querySelector('[data-testid="auth-display-name"]')).not.toBeNull();
    // Each field is labelled.
    for (const language of ['en', 'ko']) {
      for (const mode of ['sign-in', 'register']) {
        const labelled = [...(screen(language, mode)?.querySelectorAll('label') ?? [])].map((label) => label.htmlFor);
        const inputs = [...(screen(language, mode)?.querySelectorAll('input') ?? [])];
        expect(inputs.length).toBeGreaterThan(1);
        for (const input of inputs) expect(labelled).toContain(input.id);
      }
    }
  });

  it('shows in the browser language to someone with no stored sign-in, and keeps what they do for the app', async () => {
    loadPage();
    await revealSignInShell(window);
    expect(shell()?.hidden).toBe(false);
    expect(inShell('div[lang="ko"]')).toBeNull();
    expect(inShell('div[lang="en"] h1')?.textContent).toBe('Sign in');
    expect(document.documentElement.lang).toBe('en');
    expect(shell()?.querySelectorAll('[data-testid="auth-username"]')).toHaveLength(1);

    const username = inShell<HTMLInputElement>('[data-testid="auth-username"]');
    const password = inShell<HTMLInputElement>('[data-testid="auth-password"]');
    username!.value = 'ada';
    password!.value = 'correct horse';
    password!.focus();
    password!.setSelectionRange(3, 5);
    const submit = inShell<HTMLButtonElement>('[data-testid="auth-submit"]');
    const pressed = new Event('submit', { bubbles: true, cancelable: true });
    submit!.form!.dispatchEvent(pressed);
    expect(pressed.defaultPrevented).toBe(true);
    // "Create an account" shows the registration form at once, with what was typed.
    const toggle = inShell<HTMLButtonElement>('[data-testid="auth-mode-toggle"]')!;
    toggle.focus();
    toggle.click();
    expect(inShell('h1')?.textContent).toBe('Create your account');
    expect(inShell<HTMLInputElement>('[data-testid="auth-username"]')?.value).toBe('ada');
    expect(inShell<HTMLInputElement>('[data-testid="auth-password"]')?.value).toBe('correct horse');
    expect(document.activeElement).toBe(inShell('[data-testid="auth-mode-toggle"]'));
    inShell<HTMLInputElement>('[data-testid="auth-display-name"]')!.value = 'Ada L.';
    // A language chosen shows the form in it at once, the list still focused and saying so.
    const language = inShell<HTMLSelectElement>('[data-testid="language-select"]')!;
    language.focus();
    language.value = 'ko';
    language.dispatchEvent(new Event('change', { bubbles: true }));
    expect(inShell('h1')?.textContent).toBe('계정 만들기');
    expect(document.documentElement.lang).toBe('ko');
    expect(document.activeElement).toBe(inShell('[data-testid="language-select"]'));
    expect(inShell<HTMLSelectElement>('[data-testid="language-select"]')?.value).toBe('ko');
    expect(shell()?.querySelectorAll('[data-testid="auth-username"]')).toHaveLength(1);
    inShell<HTMLInputElement>('[data-testid="auth-password"]')!.focus();
    inShell<HTMLInputElement>('[data-testid="auth-password"]')!.setSelectionRange(3, 5);

    expect(readSignInShell(document)).toEqual({
      username: 'ada',
      displayName: 'Ada L.',
      password: 'correct horse',
      mode: 'register',
      submit: true,
      pressing: null,
      language: 'ko',
      focus: { testId: 'auth-password', start: 3, end: 5 },
    });
    expect(window.localStorage.getItem('wava.language')).toBe('ko');
    removeSignInShell(document);
    expect(shell()).toBeNull();
    expect(document.getElementById(SIGN_IN_SHELL.styleId)).toBeNull();
    expect(readSignInShell(document)).toBeNull();
    window.localStorage.clear();
  });

  it('keeps a display name typed while registering across a switch to signing in and back, and gives it to the app', async () => {
    loadPage();
    await revealSignInShell(window);
    const toggle = () => inShell<HTMLButtonElement>('[data-testid="auth-mode-toggle"]')!.click();
    const field = (testId: string) => inShell<HTMLInputElement>(`[data-testid="${testId}"]`);
    toggle();
    field('auth-username')!.value = 'ada';
    field('auth-display-name')!.value = 'Ada L.';
    field('auth-password')!.value = 'correct horse';
    toggle();
    expect(inShell('h1')?.textContent).toBe('Sign in');
    expect(field('auth-display-name')).toBeNull();
    // Taken over now, the app's form has it (shown when the person goes back to registering there).
    expect(readSignInShell(document)).toMatchObject({ mode: 'sign-in', displayName: 'Ada L.', username: 'ada' });
    // Kept on the shell, the password never.
    expect(shell()?.outerHTML).not.toContain('correct horse');

    toggle();
    expect(inShell('h1')?.textContent).toBe('Create your account');
    expect(field('auth-display-name')?.value).toBe('Ada L.');
    expect(field('auth-password')?.value).toBe('correct horse');
    // Changed and cleared while showing: what the field says counts, not what was kept.
    field('auth-display-name')!.value = '';
    toggle();
    expect(readSignInShell(document)?.displayName).toBe('');
    toggle();
    expect(field('auth-display-name')?.value).toBe('');
    window.localStorage.clear();
  });

  it('never writes a password into the shell, even when the screen switched to has no field for it', async () => {
    loadPage();
    // A screen without a password field (none has one today: the guard is for the day one does).
    const signInScreen = inShell<HTMLTemplateElement>('template[data-language="en"][data-mode="sign-in"]');
    signInScreen?.content.querySelector('[data-testid="auth-password"]')?.remove();
    await revealSignInShell(window);
    const field = (testId: string) => inShell<HTMLInputElement>(`[data-testid="${testId}"]`);
    inShell<HTMLButtonElement>('[data-testid="auth-mode-toggle"]')!.click();
    field('auth-display-name')!.value = 'Ada L.';
    field('auth-password')!.value = 'correct horse';
    inShell<HTMLButtonElement>('[data-testid="auth-mode-toggle"]')!.click();
    expect(field('auth-password')).toBeNull();
    expect(shell()?.getAttribute(SIGN_IN_SHELL.keptFields)).toContain('Ada L.');
    expect(shell()?.getAttribute(SIGN_IN_SHELL.keptFields)).not.toContain('correct horse');
    window.localStorage.clear();
  });

  it('keeps the keyboard where it was when that is a button or the language list, not a field', async () => {
    loadPage();
    await revealSignInShell(window);
    for (const testId of ['auth-submit', 'auth-mode-toggle', 'language-select']) {
      inShell<HTMLElement>(`[data-testid="${testId}"]`)!.focus();
      expect(readSignInShell(document)?.focus).toEqual({ testId, start: null, end: null });
    }
    window.localStorage.clear();
  });

  it('tells the app which button is held down (Sign in or "Create an account") until it is released', async () => {
    loadPage();
    await revealSignInShell(window);
    for (const control of ['auth-submit', 'auth-mode-toggle']) {
      inShell(`[data-testid="${control}"]`)!.dispatchEvent(new Event('pointerdown', { bubbles: true }));
      expect(readSignInShell(document)?.pressing).toEqual({ control, by: 'pointer' });
      window.dispatchEvent(new Event('pointerup'));
      expect(readSignInShell(document)?.pressing).toBeNull();
    }
    inShell('h1')!.dispatchEvent(new Event('pointerdown', { bubbles: true }));
    expect(readSignInShell(document)?.pressing).toBeNull();
    window.localStorage.clear();
  });

  it('tells the app a button held down by Space until the key comes up, whatever a pointer does meanwhile', async () => {
    loadPage();
    await revealSignInShell(window);
    const key = (target: EventTarget, type: 'keydown' | 'keyup', key: string) =>
      target.dispatchEvent(new KeyboardEvent(type, { key, bubbles: true }));
    for (const control of ['auth-submit', 'auth-mode-toggle']) {
      key(inShell(`[data-testid="${control}"]`)!, 'keydown', ' ');
      expect(readSignInShell(document)?.pressing).toEqual({ control, by: 'space' });
      window.dispatchEvent(new Event('pointerup'));
      key(window, 'keyup', 'Enter');
      expect(readSignInShell(document)?.pressing).toEqual({ control, by: 'space' });
      key(window, 'keyup', ' ');
      expect(readSignInShell(document)?.pressing).toBeNull();
    }
    // Space typed into a field holds nothing down.
    key(inShell('[data-testid="auth-username"]')!, 'keydown', ' ');
    expect(readSignInShell(document)?.pressing).toBeNull();
    window.localStorage.clear();
  });

  it('is removed, never shown, in the desktop app (its sign-in is in the main process)', async () => {
    loadPage();
    (window as { wava?: unknown }).wava = {};
    await revealSignInShell(window);
    expect(shell()).toBeNull();
    expect(document.getElementById(SIGN_IN_SHELL.styleId)).toBeNull();
  });

  it('gives the app nothing while hidden (someone signed in, or the app already decided)', () => {
    loadPage();
    expect(readSignInShell(document)).toBeNull();
  });
});

describe('showsSignInShell', () => {
  it.each([
    { desktop: false, path: '/', sessionStored: false, shows: true },
    { desktop: false, path: '/left', sessionStored: false, shows: true },
    // IndexedDB refused: the app cannot have kept a sign-in either.
    { desktop: false, path: '/', sessionStored: null, shows: true },
    // Signed in: never a sign-in form before their home screen.
    { desktop: false, path: '/', sessionStored: true, shows: false },
    // An invite shows the meeting and the guest's way in, which the shell does not have.
    { desktop: false, path: '/j/abc-defg-hjk', sessionStored: false, shows: false },
    { desktop: true, path: '/', sessionStored: null, shows: false },
  ])('$path, desktop $desktop, stored $sessionStored: $shows', ({ shows, ...conditions }) => {
    expect(showsSignInShell(conditions)).toBe(shows);
  });
});

describe('withSignInShell', () => {
  it('puts the markup in as it is, whatever it says ("$&", "$\'" and "$`" are not replacement patterns)', () => {
    // A catalog sentence or a style may hold a dollar sign; String.replace would read these as the matched text,
    // the rest of the page or the page before it, and write a second copy of the page into index.html.
    const markup = {
      css: 'body{content:"$`"}',
      screens: [{ language: 'en' as const, mode: 'sign-in' as const, html: "<p>Costs $& or $' or $$ or $1</p>" }],
    };
    const built = withSignInShell(BUILT_PAGE, markup, 'assets/signInShell-C3.js', []);
    expect(built).toContain('<style id="signin-shell-style">body{content:"$`"}</style>');
    expect(built).toContain("<p>Costs $& or $' or $$ or $1</p>");
    expect(built.match(/<html/g)).toHaveLength(1);
    expect(built.match(/<div id="root">/g)).toHaveLength(1);
  });
});

describe('mayBeSession', () => {
  it.each([
    ['the text this version stores', JSON.stringify({ refreshToken: 'r', accessToken: 'a' }), true],
    ['text that is not JSON', 'not a session', false],
    ['JSON of another shape', '{"token":"from an older version"}', false],
    ['a refresh token that is not text', '{"refreshToken":42}', false],
    ['JSON null', 'null', false],
    ['an empty text', '', false],
    ['a value that is not text', { refreshToken: 'r' }, false],
    ['nothing', null, false],
  ])('%s: %s', (_case, stored, expected) => {
    expect(mayBeSession(stored)).toBe(expected);
  });
});

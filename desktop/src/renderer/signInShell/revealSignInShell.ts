import { browserLanguageStorage } from '../i18n/browserLanguageStorage.js';
import { preferredLanguage, rememberLanguage } from '../i18n/languagePreference.js';
import { isLanguage } from '../i18n/languages.js';
import { openSessionDatabase, type SessionDatabase } from '../platform/sessionDatabase.js';
import { showShellScreen } from './showShellScreen.js';
import { removeSignInShell } from './takeSignInShell.js';
import { isPressableControl, SIGN_IN_SHELL, type HeldPress } from './signInShellDom.js';

/** What decides whether the sign-in form may show before the app has loaded. */
export interface ShellConditions {
  /** The Electron shell (its preload's bridge): the sign-in lives in the main process, which the page cannot ask. */
  desktop: boolean;
  /** The page's path: an invite (`/j/CODE`) shows the meeting and the guest's way in, which the shell does not. */
  path: string;
  /** Whether a sign-in is stored in this browser profile; unknown (null) when IndexedDB cannot be read. */
  sessionStored: boolean | null;
}

/**
 * Whether what is stored may be a sign-in the app can use: the JSON text of an object with a refresh token. A
 * cheap look, without the app's schema (its library would make this script many times larger): whatever passes
 * here but not the app's full check (webAuthStore) is removed by the app, so the form shows from the next load
 * (unless a newer version of the app wrote it: sessionFormat.ts).
 */
export function mayBeSession(stored: unknown): boolean {
  if (typeof stored !== 'string') return false;
  try {
    const parsed: unknown = JSON.parse(stored);
    return (
      typeof parsed === 'object' &&
      parsed !== null &&
      typeof (parsed as { refreshToken?: unknown }).refreshToken === 'string'
    );
  } catch {
    return false;
  }
}

/**
 * Only someone who is certainly not signed in sees the form early: a signed-in person never sees a sign-in form
 * flash before their home screen (they see the page's neutral background until the app decides).
 */
export function showsSignInShell({ desktop, path, sessionStored }: ShellConditions): boolean {
  return !desktop && !path.startsWith('/j/') && sessionStored !== true;
}

/**
 * The build's separate, small entry (a few KB, loaded beside the app's scripts): checks whether a sign-in is
 * stored, then reveals the shell in the person's language or removes it. "Create account" and the language list
 * work in it at once (it shows the matching prerendered screen). Until the app takes over it remembers what the
 * person did that the app must carry out: a Sign in pressed (the app sends it) or held down, registering, a
 * language chosen.
 */
export async function revealSignInShell(win: Window & typeof globalThis): Promise<void> {
  const doc = win.document;
  const shell = doc.getElementById(SIGN_IN_SHELL.id);
  if (!shell) return;
  const desktop = 'wava' in win;
  let sessionStored: boolean | null = null;
  if (!desktop) {
    let stored: SessionDatabase | null = null;
    try {
      stored = openSessionDatabase(win.indexedDB);
      sessionStored = mayBeSession(await stored.read());
    } catch {
      sessionStored = null; // IndexedDB refused: the app keeps no sign-in across loads either
    } finally {
      stored?.close(); // the app opens its own; an open connection would hold up a newer version's upgrade
    }
  }
  // The app may have taken over meanwhile.
  if (!shell.isConnected) return;
  if (!showsSignInShell({ desktop, path: win.location.pathname, sessionStored })) {
    removeSignInShell(doc);
    return;
  }
  const storage = browserLanguageStorage();
  let language = preferredLanguage(storage, win.navigator.languages ?? [win.navigator.language]);
  if (!showShellScreen(shell, language, 'sign-in')) {
    removeSignInShell(doc);
    return;
  }
  shell.addEventListener('submit', (event) => {
    event.preventDefault();
    shell.setAttribute(SIGN_IN_SHELL.submitted, '');
  });
  // A button held down (by a pointer, or by Space while it has the keyboard), until that lets go.
  const hold = (event: Event, by: HeldPress['by']) => {
    const pressed = (event.target as Element | null)?.closest('[data-testid]')?.getAttribute('data-testid');
    if (!isPressableControl(pressed)) return;
    shell.setAttribute(SIGN_IN_SHELL.pressing, pressed);
    shell.setAttribute(SIGN_IN_SHELL.pressedBy, by);
  };
  const letGo = (by: HeldPress['by']) => {
    if (shell.getAttribute(SIGN_IN_SHELL.pressedBy) !== by) return;
    shell.removeAttribute(SIGN_IN_SHELL.pressing);
    shell.removeAttribute(SIGN_IN_SHELL.pressedBy);
  };
  shell.addEventListener('pointerdown', (event) => hold(event, 'pointer'));
  shell.addEventListener('keydown', (event) => {
    if (event.key === ' ') hold(event, 'space');
  });
  for (const ended of ['pointerup', 'pointercancel'] as const)
    win.addEventListener(ended, () => letGo('pointer'), true);
  win.addEventListener('keyup', (event) => event.key === ' ' && letGo('space'), true);
  // "Create account" and the language list work at once, as in the app: the shell shows the other prerendered
  // screen, and the app goes on from it when it takes over.
  const mode = () => (shell.hasAttribute(SIGN_IN_SHELL.registering) ? 'register' : 'sign-in');
  shell.addEventListener('click', (event) => {
    if ((event.target as Element | null)?.closest('[data-testid="auth-mode-toggle"]')) {
      showShellScreen(shell, language, mode() === 'register' ? 'sign-in' : 'register');
    }
  });
  shell.addEventListener('change', (event) => {
    const value = (event.target as HTMLSelectElement | null)?.value;
    if ((event.target as Element | null)?.matches('[data-testid="language-select"]') && isLanguage(value)) {
      language = value;
      rememberLanguage(storage, value);
      shell.setAttribute(SIGN_IN_SHELL.chosenLanguage, value);
      showShellScreen(shell, value, mode());
    }
  });
  shell.hidden = false;
}

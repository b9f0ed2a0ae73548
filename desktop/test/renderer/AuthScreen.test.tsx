import { apiError, userMessage, type LoginRequest, type RegisterRequest } from '@wava/protocol';
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AuthScreen } from '../../src/renderer/features/auth/AuthScreen.js';
import type { AuthPrefill } from '../../src/renderer/features/auth/authForm.js';
import type { AuthStore, SignInStorage, TokenStorageStatus } from '../../src/renderer/platform/Platform.js';
import { renderWithTheme } from './renderWithTheme.js';

const ada = { id: 'u1', username: 'ada', displayName: 'Ada Lovelace' };

function authStore(overrides: Partial<AuthStore> = {}): AuthStore {
  return {
    register: vi.fn(async (_: RegisterRequest) => ({ ok: true as const, data: { user: ada } })),
    login: vi.fn(async (_: LoginRequest) => ({ ok: true as const, data: { user: ada } })),
    restore: vi.fn(async () => null),
    accessToken: vi.fn(async () => ({ ok: false as const, error: apiError('UNAUTHENTICATED') })),
    logout: vi.fn(async () => undefined),
    ...overrides,
  };
}

const type = (testId: string, value: string) => fireEvent.change(screen.getByTestId(testId), { target: { value } });

/** What the sign-in shell hands the app at the takeover: nothing typed, signing in, nothing pressed, unless given. */
const prefillWith = (given: Partial<AuthPrefill> = {}): AuthPrefill => ({
  username: '',
  displayName: '',
  password: '',
  mode: 'sign-in',
  submit: false,
  pressing: null,
  language: null,
  focus: null,
  ...given,
});

describe('AuthScreen', () => {
  afterEach(cleanup);

  it("shows the server's sentence when sign-in fails", async () => {
    const auth = authStore({
      login: vi.fn(async () => ({ ok: false as const, error: apiError('INVALID_CREDENTIALS') })),
    });
    renderWithTheme(<AuthScreen auth={auth} onSignedIn={vi.fn()} />);
    type('auth-username', 'Ada');
    type('auth-password', 'not my password');
    fireEvent.click(screen.getByTestId('auth-submit'));
    const error = await screen.findByTestId('auth-error');
    expect(error.textContent).toBe(userMessage('INVALID_CREDENTIALS'));
    expect(error.getAttribute('role')).toBe('alert');
    expect(auth.login).toHaveBeenCalledWith({ username: 'ada', password: 'not my password' });
  });

  it('says Wava was updated in another tab, with a Reload button the keyboard reaches', () => {
    const onReload = vi.fn();
    renderWithTheme(
      <AuthScreen
        auth={authStore()}
        onSignedIn={vi.fn()}
        notice="Wava was updated."
        noticeAsksForReload
        onReload={onReload}
      />,
    );
    const notice = screen.getByTestId('auth-error');
    expect(notice.textContent).toBe('Wava was updated.');
    expect(notice.getAttribute('role')).toBe('alert');
    const reload = screen.getByRole('button', { name: 'Reload' });
    expect(reload.getAttribute('type')).toBe('button'); // not the form's submit
    expect(reload.tabIndex).toBe(0);
    reload.focus();
    fireEvent.click(reload);
    expect(onReload).toHaveBeenCalledTimes(1);
  });

  it('shows no Reload button with an ordinary notice, nor once a sign-in failed for another reason', async () => {
    const auth = authStore({
      login: vi.fn(async () => ({ ok: false as const, error: apiError('INVALID_CREDENTIALS') })),
    });
    const { rerender } = renderWithTheme(
      <AuthScreen auth={auth} onSignedIn={vi.fn()} notice="Signed out." onReload={vi.fn()} />,
    );
    expect(screen.queryByRole('button', { name: 'Reload' })).toBeNull();
    rerender(
      <AuthScreen auth={auth} onSignedIn={vi.fn()} notice="Wava was updated." noticeAsksForReload onReload={vi.fn()} />,
    );
    type('auth-username', 'ada');
    type('auth-password', 'not my password');
    fireEvent.click(screen.getByTestId('auth-submit'));
    await waitFor(() => expect(screen.getByTestId('auth-error').textContent).toBe(userMessage('INVALID_CREDENTIALS')));
    expect(screen.queryByRole('button', { name: 'Reload' })).toBeNull();
  });

  it('a sign-in that fails because part of Wava could not be loaded comes with a Reload button', async () => {
    const onReload = vi.fn();
    const auth = authStore({ login: vi.fn(async () => ({ ok: false as const, error: apiError('RELOAD_NEEDED') })) });
    renderWithTheme(<AuthScreen auth={auth} onSignedIn={vi.fn()} notice="Signed out." onReload={onReload} />);
    expect(screen.queryByRole('button', { name: 'Reload' })).toBeNull();
    type('auth-username', 'ada');
    type('auth-password', 'correct horse');
    fireEvent.click(screen.getByTestId('auth-submit'));
    await waitFor(() => expect(screen.getByTestId('auth-error').textContent).toBe(userMessage('RELOAD_NEEDED')));
    const reload = screen.getByRole('button', { name: 'Reload' });
    expect(reload.getAttribute('type')).toBe('button'); // not the form's submit
    expect(reload.tabIndex).toBe(0);
    fireEvent.click(reload);
    expect(onReload).toHaveBeenCalledTimes(1);
    expect(auth.login).toHaveBeenCalledTimes(1);
  });

  it('signs in and hands over the user', async () => {
    const onSignedIn = vi.fn();
    renderWithTheme(<AuthScreen auth={authStore()} onSignedIn={onSignedIn} />);
    type('auth-username', 'ada');
    type('auth-password', 'correct horse');
    fireEvent.click(screen.getByTestId('auth-submit'));
    await waitFor(() => expect(onSignedIn).toHaveBeenCalledWith(ada));
  });

  it('registers with a display name; the field exists only in register mode', async () => {
    const auth = authStore();
    renderWithTheme(<AuthScreen auth={auth} onSignedIn={vi.fn()} />);
    expect(screen.queryByTestId('auth-display-name')).toBeNull();
    fireEvent.click(screen.getByTestId('auth-mode-toggle'));
    type('auth-username', 'ada');
    type('auth-display-name', 'Ada Lovelace');
    type('auth-password', 'correct horse');
    fireEvent.click(screen.getByTestId('auth-submit'));
    await waitFor(() =>
      expect(auth.register).toHaveBeenCalledWith({
        username: 'ada',
        displayName: 'Ada Lovelace',
        password: 'correct horse',
      }),
    );
  });

  it.each([
    ['a password that is too short', { username: 'ada', displayName: 'Ada', password: 'short' }, 'PASSWORD_TOO_SHORT'],
    ['an empty display name', { username: 'ada', displayName: '  ', password: 'correct horse' }, 'FIELD_MISSING'],
    [
      'a username with spaces',
      { username: 'ada l', displayName: 'Ada', password: 'correct horse' },
      'USERNAME_INVALID',
    ],
  ] as const)(
    'registering with %s gets its sentence at once, without asking the server',
    async (_name, fields, code) => {
      const auth = authStore();
      renderWithTheme(<AuthScreen auth={auth} onSignedIn={vi.fn()} />);
      fireEvent.click(screen.getByTestId('auth-mode-toggle'));
      type('auth-username', fields.username);
      type('auth-display-name', fields.displayName);
      type('auth-password', fields.password);
      fireEvent.click(screen.getByTestId('auth-submit'));
      expect((await screen.findByTestId('auth-error')).textContent).toBe(userMessage(code));
      expect(auth.register).not.toHaveBeenCalled();
    },
  );

  it('a taken username comes back from the server as its sentence', async () => {
    const auth = authStore({
      register: vi.fn(async () => ({ ok: false as const, error: apiError('USERNAME_TAKEN') })),
    });
    renderWithTheme(<AuthScreen auth={auth} onSignedIn={vi.fn()} />);
    fireEvent.click(screen.getByTestId('auth-mode-toggle'));
    type('auth-username', 'ada');
    type('auth-display-name', 'Ada');
    type('auth-password', 'correct horse');
    fireEvent.click(screen.getByTestId('auth-submit'));
    expect((await screen.findByTestId('auth-error')).textContent).toBe(userMessage('USERNAME_TAKEN'));
  });
});

describe('AuthScreen in the desktop app: how the sign-in is kept', () => {
  afterEach(cleanup);

  function storage(initial: TokenStorageStatus) {
    let listener: ((status: TokenStorageStatus) => void) | null = null;
    const signInStorage: SignInStorage = {
      current: async () => initial,
      onChanged: (next) => {
        listener = next;
        return () => void (listener = null);
      },
    };
    return { signInStorage, change: (status: TokenStorageStatus) => listener?.(status) };
  }
  const BASIC_TEXT: TokenStorageStatus = {
    protection: 'basic-text',
    persisted: false,
    insecureOptIn: false,
    optInAllowed: true,
  };

  it('says so when no keyring protects the sign-in, and follows the person\u2019s later choice', async () => {
    const { signInStorage, change } = storage(BASIC_TEXT);
    renderWithTheme(<AuthScreen auth={authStore()} onSignedIn={vi.fn()} signInStorage={signInStorage} />);
    const note = await screen.findByTestId('sign-in-storage');
    expect(note.getAttribute('role')).toBe('status');
    expect(note.textContent).toMatch(/No system keyring .* only until you quit/);
    act(() => change({ ...BASIC_TEXT, persisted: true, insecureOptIn: true }));
    expect(screen.getByTestId('sign-in-storage').textContent).toMatch(/stored without encryption/);
  });

  it('says nothing when the OS key store protects it', async () => {
    const { signInStorage } = storage({ ...BASIC_TEXT, protection: 'os-keystore', persisted: true });
    renderWithTheme(<AuthScreen auth={authStore()} onSignedIn={vi.fn()} signInStorage={signInStorage} />);
    await waitFor(() => expect(screen.getByTestId('auth-submit')).toBeTruthy());
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(screen.queryByTestId('sign-in-storage')).toBeNull();
  });

  it('goes on from the sign-in shell: what was typed, the caret, and a Sign in already pressed', async () => {
    const auth = authStore();
    const onSignedIn = vi.fn();
    const prefill = prefillWith({
      username: 'ada',
      password: 'correct horse',
      submit: true,
      focus: { testId: 'auth-password', start: 3, end: 5 },
    });
    renderWithTheme(<AuthScreen auth={auth} onSignedIn={onSignedIn} prefill={prefill} />);
    const password = screen.getByTestId('auth-password') as HTMLInputElement;
    expect(document.activeElement).toBe(password);
    expect([password.selectionStart, password.selectionEnd]).toEqual([3, 5]);
    await waitFor(() => expect(onSignedIn).toHaveBeenCalledWith(ada));
    expect(auth.login).toHaveBeenCalledTimes(1);
    expect(auth.login).toHaveBeenCalledWith({ username: 'ada', password: 'correct horse' });
  });

  it('keeps the keyboard on the button or list it was on in the sign-in shell', () => {
    for (const testId of ['auth-submit', 'auth-mode-toggle', 'language-select']) {
      const prefill = prefillWith({ focus: { testId, start: null, end: null } });
      const { unmount } = renderWithTheme(<AuthScreen auth={authStore()} onSignedIn={vi.fn()} prefill={prefill} />);
      expect(document.activeElement).toBe(screen.getByTestId(testId));
      unmount();
    }
  });

  it('sends a Sign in held down at the takeover once it is released on Sign in, and not when released elsewhere', async () => {
    const prefill = prefillWith({
      username: 'ada',
      password: 'correct horse',
      pressing: { control: 'auth-submit', by: 'pointer' },
    });
    const elsewhere = authStore();
    const first = renderWithTheme(<AuthScreen auth={elsewhere} onSignedIn={vi.fn()} prefill={prefill} />);
    screen.getByRole('heading').dispatchEvent(new Event('pointerup', { bubbles: true }));
    screen.getByTestId('auth-submit').dispatchEvent(new Event('pointerup', { bubbles: true }));
    expect(elsewhere.login).not.toHaveBeenCalled();
    first.unmount();

    const released = authStore();
    const onSignedIn = vi.fn();
    renderWithTheme(<AuthScreen auth={released} onSignedIn={onSignedIn} prefill={prefill} />);
    screen.getByTestId('auth-submit').dispatchEvent(new Event('pointerup', { bubbles: true }));
    await waitFor(() => expect(onSignedIn).toHaveBeenCalledWith(ada));
    expect(released.login).toHaveBeenCalledTimes(1);
  });

  it('sends a Sign in held down by Space at the takeover once the key comes up on Sign in, and only once', async () => {
    const prefill = prefillWith({
      username: 'ada',
      password: 'correct horse',
      pressing: { control: 'auth-submit', by: 'space' },
      focus: { testId: 'auth-submit', start: null, end: null },
    });
    const key = (type: 'keydown' | 'keyup', name: string) =>
      fireEvent(document.activeElement!, new KeyboardEvent(type, { key: name, bubbles: true }));

    // A key repeat reached the app's button first: the browser presses it itself on release (jsdom does not).
    const repeated = authStore();
    const first = renderWithTheme(<AuthScreen auth={repeated} onSignedIn={vi.fn()} prefill={prefill} />);
    key('keydown', ' ');
    key('keyup', ' ');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(repeated.login).not.toHaveBeenCalled();
    first.unmount();

    const released = authStore();
    const onSignedIn = vi.fn();
    renderWithTheme(<AuthScreen auth={released} onSignedIn={onSignedIn} prefill={prefill} />);
    expect(document.activeElement).toBe(screen.getByTestId('auth-submit'));
    key('keyup', 'Enter');
    expect(released.login).not.toHaveBeenCalled();
    key('keyup', ' ');
    await waitFor(() => expect(onSignedIn).toHaveBeenCalledWith(ada));
    key('keyup', ' ');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(released.login).toHaveBeenCalledTimes(1);
  });

  it('switches to registering when "Create an account", held down at the takeover, is released on it', async () => {
    const prefill = prefillWith({ username: 'ada', pressing: { control: 'auth-mode-toggle', by: 'pointer' } });
    const auth = authStore();
    renderWithTheme(<AuthScreen auth={auth} onSignedIn={vi.fn()} prefill={prefill} />);
    expect(screen.queryByTestId('auth-display-name')).toBeNull();
    screen.getByTestId('auth-mode-toggle').dispatchEvent(new Event('pointerup', { bubbles: true }));
    expect(await screen.findByTestId('auth-display-name')).toBeTruthy();
    expect((screen.getByTestId('auth-username') as HTMLInputElement).value).toBe('ada');
    expect(auth.login).not.toHaveBeenCalled();
  });

  it('a press held at the takeover but let go before the app listened is not carried into the next press', async () => {
    const prefill = prefillWith({ username: 'ada', pressing: { control: 'auth-mode-toggle', by: 'pointer' } });
    renderWithTheme(<AuthScreen auth={authStore()} onSignedIn={vi.fn()} prefill={prefill} />);
    // Its release came before the app's first render had run its effects; the person then clicks the switch anew:
    // one press, one switch (the browser's own click), not a second one carried over.
    const toggle = screen.getByTestId('auth-mode-toggle');
    toggle.dispatchEvent(new Event('pointerdown', { bubbles: true }));
    toggle.dispatchEvent(new Event('pointerup', { bubbles: true }));
    toggle.click();
    expect(await screen.findByTestId('auth-display-name')).toBeTruthy();
    expect(screen.getByRole('heading').textContent).toBe('Create your account');
  });

  it('goes on registering when the shell switched to it, and sends nothing not pressed', () => {
    const auth = authStore();
    const prefill = prefillWith({ username: 'ada', displayName: 'Ada L.', mode: 'register' });
    renderWithTheme(<AuthScreen auth={auth} onSignedIn={vi.fn()} prefill={prefill} />);
    expect(screen.getByTestId('auth-display-name')).toBeTruthy();
    expect((screen.getByTestId('auth-username') as HTMLInputElement).value).toBe('ada');
    expect((screen.getByTestId('auth-display-name') as HTMLInputElement).value).toBe('Ada L.');
    expect(auth.register).not.toHaveBeenCalled();
    expect(auth.login).not.toHaveBeenCalled();
  });
});

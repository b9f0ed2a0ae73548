import { apiError, userMessage } from '@wava/protocol';
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { appNoticeSentence, asksForReload, type AppNotice } from '../../src/renderer/app/appNotice.js';
import { serverProblem } from '../../src/renderer/call/callProblem.js';
import { AuthScreen } from '../../src/renderer/features/auth/AuthScreen.js';
import { HomeScreen } from '../../src/renderer/features/home/HomeScreen.js';
import type { AuthStore } from '../../src/renderer/platform/Platform.js';
import { renderWithTheme } from './renderWithTheme.js';

const ada = { id: 'u1', username: 'ada', displayName: 'Ada Lovelace' };
const reloadNeeded = serverProblem('RELOAD_NEEDED');

const signedOutStore = (): AuthStore => ({
  register: vi.fn(async () => ({ ok: false as const, error: apiError('SERVER_UNREACHABLE') })),
  login: vi.fn(async () => ({ ok: false as const, error: apiError('SERVER_UNREACHABLE') })),
  restore: vi.fn(async () => null),
  accessToken: vi.fn(async () => ({ ok: false as const, error: apiError('UNAUTHENTICATED') })),
  logout: vi.fn(async () => undefined),
});

/** Home as App renders it for a notice: the sentence, and a Reload button when the notice asks for one. */
function renderHome(notice: AppNotice, onReload = vi.fn()) {
  renderWithTheme(
    <HomeScreen
      user={ada}
      serverUrl="https://meet.example.com"
      error={appNoticeSentence(notice)}
      onReload={asksForReload(notice) ? onReload : undefined}
      busy={false}
      onCreate={vi.fn()}
      onJoin={vi.fn()}
      onSignOut={vi.fn()}
    />,
  );
  return onReload;
}

describe('notices that ask for a reload', () => {
  afterEach(cleanup);

  it('are the ones a reload answers: Wava updated in another tab, or part of it not loaded', () => {
    expect(asksForReload(reloadNeeded)).toBe(true);
    expect(asksForReload({ type: 'updated-elsewhere' })).toBe(true);
    expect(asksForReload(serverProblem('MEETING_ENDED'))).toBe(false);
    expect(asksForReload(serverProblem('SERVER_UNREACHABLE'))).toBe(false);
    expect(asksForReload({ type: 'signed-out-elsewhere' })).toBe(false);
    expect(asksForReload(null)).toBe(false);
  });

  it('on Home, "part of Wava could not be loaded" comes with a Reload button the keyboard reaches', () => {
    const onReload = renderHome(reloadNeeded);
    expect(screen.getByTestId('home-error').textContent).toBe(userMessage('RELOAD_NEEDED'));
    const reload = screen.getByRole('button', { name: 'Reload' });
    expect(reload.getAttribute('type')).toBe('button');
    expect(reload.tabIndex).toBe(0);
    fireEvent.click(reload);
    expect(onReload).toHaveBeenCalledTimes(1);
  });

  it('on Home, an ordinary notice has no Reload button, nor has a mistyped code shown over the notice', () => {
    renderHome(serverProblem('MEETING_ENDED'));
    expect(screen.getByTestId('home-error').textContent).toBe(userMessage('MEETING_ENDED'));
    expect(screen.queryByRole('button', { name: 'Reload' })).toBeNull();
    cleanup();
    renderHome(reloadNeeded);
    fireEvent.change(screen.getByTestId('join-input'), { target: { value: 'not a code' } });
    fireEvent.click(screen.getByTestId('join-submit'));
    expect(screen.getByTestId('home-error').textContent).not.toBe(userMessage('RELOAD_NEEDED'));
    expect(screen.queryByRole('button', { name: 'Reload' })).toBeNull();
  });

  it('on the sign-in screen, "part of Wava could not be loaded" comes with a Reload button', () => {
    const onReload = vi.fn();
    renderWithTheme(
      <AuthScreen
        auth={signedOutStore()}
        onSignedIn={vi.fn()}
        notice={appNoticeSentence(reloadNeeded)}
        noticeAsksForReload={asksForReload(reloadNeeded)}
        onReload={onReload}
      />,
    );
    expect(screen.getByTestId('auth-error').textContent).toBe(userMessage('RELOAD_NEEDED'));
    fireEvent.click(screen.getByRole('button', { name: 'Reload' }));
    expect(onReload).toHaveBeenCalledTimes(1);
  });
});

import { apiError } from '@wava/protocol';
import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AuthScreen } from '../../src/renderer/features/auth/AuthScreen.js';
import type { InviteStatus } from '../../src/renderer/features/auth/useInviteStatus.js';
import type { AuthStore } from '../../src/renderer/platform/Platform.js';
import { renderWithTheme } from './renderWithTheme.js';

const auth: AuthStore = {
  register: vi.fn(),
  login: vi.fn(),
  restore: vi.fn(async () => null),
  accessToken: vi.fn(async () => ({ ok: false as const, error: apiError('UNAUTHENTICATED') })),
  logout: vi.fn(async () => undefined),
};

describe('the sign-in screen reached from an invite link', () => {
  afterEach(cleanup);

  it.each<[InviteStatus, RegExp]>([
    ['checking', /^You are invited to meeting abc-defg-hij\. Sign in to join it\.$/],
    ['open', /^You are invited to meeting abc-defg-hij\. Sign in to join it\.$/],
    ['ended', /^Meeting abc-defg-hij has ended\./],
    ['unknown', /^There is no meeting abc-defg-hij on this server: check the link\./],
  ])('says what it knows about the meeting before asking to sign in (%s)', (status, sentence) => {
    renderWithTheme(<AuthScreen auth={auth} onSignedIn={vi.fn()} inviteCode="abc-defg-hij" inviteStatus={status} />);
    const text = screen.getByTestId('invite-status');
    expect(text.textContent).toMatch(sentence);
    expect(text.getAttribute('data-status')).toBe(status);
  });

  it('says nothing about invites without one', () => {
    renderWithTheme(<AuthScreen auth={auth} onSignedIn={vi.fn()} />);
    expect(screen.queryByTestId('invite-status')).toBeNull();
  });
});

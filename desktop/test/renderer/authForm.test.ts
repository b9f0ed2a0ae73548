import { afterEach, describe, expect, it, vi } from 'vitest';
import { authRequestOf, INITIAL_AUTH_FORM } from '../../src/renderer/features/auth/authForm.js';

describe('authRequestOf', () => {
  afterEach(() => {
    vi.doUnmock('../../src/renderer/api/validation.js');
    vi.resetModules();
  });

  it('checks the form with the contract: a short password has its sentence at once', async () => {
    const state = {
      ...INITIAL_AUTH_FORM,
      mode: 'register' as const,
      username: 'ada',
      displayName: 'Ada',
      password: 'short',
    };
    expect(await authRequestOf(state)).toEqual({ ok: false, error: { code: 'PASSWORD_TOO_SHORT' } });
  });

  it('asks for a reload when its checks cannot be loaded (a new build on the server removed the old chunk)', async () => {
    vi.resetModules();
    vi.doMock('../../src/renderer/api/validation.js', () => {
      throw new Error('chunk failed to load');
    });
    const { authRequestOf: offline } = await import('../../src/renderer/features/auth/authForm.js');
    const state = { ...INITIAL_AUTH_FORM, username: 'ada', password: 'correct horse' };
    expect(await offline(state)).toEqual({ ok: false, error: { code: 'RELOAD_NEEDED' } });
  });
});

import { describe, expect, it } from 'vitest';
import type { Policy } from '../../src/main/policy/policySchema.js';
import { resolveServerUrl, type ServerUrlInputs } from '../../src/main/settings/resolveServerUrl.js';
import { createServerSettingsService, USER_SERVER_URL_KEY } from '../../src/main/settings/ServerSettingsService.js';
import { DEFAULT_SERVER_URL, normaliseServerUrl } from '../../src/main/urls/serverUrl.js';
import { createConfStore } from './support/confStore.js';
import { useTempDirs } from './support/tempDir.js';

const tempDir = useTempDirs();

const inputs = (overrides: Partial<ServerUrlInputs>): ServerUrlInputs => ({
  policy: {},
  argv: ['/opt/Wava/wava'],
  env: {},
  userSetting: undefined,
  defaultUrl: DEFAULT_SERVER_URL,
  ...overrides,
});

const ALL: Partial<ServerUrlInputs> = {
  policy: { serverUrl: 'https://policy.example' },
  argv: ['/opt/Wava/wava', '--server-url=https://flag.example'],
  env: { WAVA_SERVER_URL: 'https://env.example' },
  userSetting: 'https://user.example',
};

describe('server address resolution order', () => {
  it.each<[string, Partial<ServerUrlInputs>, string, string]>([
    ['policy beats everything', ALL, 'https://policy.example', 'policy'],
    ['then the command-line flag', { ...ALL, policy: {} }, 'https://flag.example', 'command-line'],
    ['then the environment', { ...ALL, policy: {}, argv: [] }, 'https://env.example', 'environment'],
    ['then the person\u2019s setting', { userSetting: 'https://user.example' }, 'https://user.example', 'user'],
    ['then the default', {}, DEFAULT_SERVER_URL, 'default'],
  ])('%s', (_name, overrides, url, source) => {
    expect(resolveServerUrl(inputs(overrides))).toMatchObject({ url, source });
  });

  it('locks an address that comes from policy', () => {
    expect(resolveServerUrl(inputs(ALL)).locked).toBe(true);
  });

  it('locks without a policy address when lockServerUrl is set, ignoring the person\u2019s setting', () => {
    const result = resolveServerUrl(inputs({ policy: { lockServerUrl: true }, userSetting: 'https://user.example' }));
    expect(result).toMatchObject({ url: DEFAULT_SERVER_URL, source: 'default', locked: true });
  });

  it('skips unusable values with a reported problem, falling through to the next level', () => {
    const result = resolveServerUrl(
      inputs({
        argv: ['wava', '--server-url=file:///etc/passwd'],
        env: { WAVA_SERVER_URL: 'javascript:alert(1)' },
        userSetting: { url: 'https://object.example' },
      }),
    );
    expect(result).toMatchObject({ url: DEFAULT_SERVER_URL, source: 'default', locked: false });
    expect(result.problems).toHaveLength(3);
  });

  it('takes the last --server-url= when given twice', () => {
    const result = resolveServerUrl(
      inputs({ argv: ['wava', '--server-url=https://a.example', '--server-url=https://b.example'] }),
    );
    expect(result.url).toBe('https://b.example');
  });
});

describe('server address validation', () => {
  it.each([
    ['https://meet.example.com', 'https://meet.example.com'],
    ['https://meet.example.com/', 'https://meet.example.com'],
    ['  HTTPS://Meet.Example.com:8443 ', 'https://meet.example.com:8443'],
    ['meet.example.com', 'https://meet.example.com'],
    ['http://localhost:8080', 'http://localhost:8080'],
    ['http://127.0.0.1:8080', 'http://127.0.0.1:8080'],
    ['http://[::1]:8080', 'http://[::1]:8080'],
  ])('%s -> %s', (input, expected) => {
    expect(normaliseServerUrl(input)).toBe(expected);
  });

  it.each([
    '',
    'javascript:alert(1)',
    'file:///etc/passwd',
    'ftp://meet.example.com',
    'http://meet.example.com',
    'http://192.168.1.10:8080',
    'http://localhost.evil.example',
    'http://127.0.0.1.evil.example',
    'wava://join/abc',
    'https://user:pass@meet.example.com',
    'https://meet.example.com/some/path',
    'https://meet.example.com/?q=1',
    'https://meet.example.com/#x',
    'https://',
    `https://${'a'.repeat(3000)}.example`,
  ])('rejects %s', (input) => {
    expect(normaliseServerUrl(input)).toBeNull();
  });
});

describe('changing the server (real conf store)', () => {
  function service(policy: Policy = {}) {
    const { store } = createConfStore(tempDir(), 'settings');
    const events: string[] = [];
    const settings = createServerSettingsService({
      initial: resolveServerUrl(inputs({ policy })),
      store,
      beforeChange: async (from, to) => void events.push(`sign out of ${from} before ${to}`),
      afterChange: (url) => void events.push(`now ${url}`),
    });
    return { settings, store, events };
  }

  it('saves the new address, signs out of the old server first, and reports the new state', async () => {
    const { settings, store, events } = service();
    const result = await settings.change('meet.example.com');
    expect(result).toEqual({ ok: true, data: { url: 'https://meet.example.com', source: 'user', locked: false } });
    expect(store.get(USER_SERVER_URL_KEY)).toBe('https://meet.example.com');
    expect(events).toEqual([
      `sign out of ${DEFAULT_SERVER_URL} before https://meet.example.com`,
      'now https://meet.example.com',
    ]);
  });

  it('refuses an invalid address with a sentence, changing nothing', async () => {
    const { settings, store, events } = service();
    const result = await settings.change('file:///etc/passwd');
    expect(result).toMatchObject({ ok: false, error: { code: 'SERVER_URL_INVALID' } });
    expect(result.ok ? '' : result.error.message).toMatch(/web address/);
    expect(store.get(USER_SERVER_URL_KEY)).toBeUndefined();
    expect(events).toEqual([]);
    expect(settings.current().url).toBe(DEFAULT_SERVER_URL);
  });

  it('refuses any change when policy locks the server', async () => {
    const { settings, events } = service({ serverUrl: 'https://corp.example', lockServerUrl: true });
    const result = await settings.change('https://elsewhere.example');
    expect(result).toMatchObject({ ok: false, error: { code: 'SERVER_URL_LOCKED' } });
    expect(settings.current()).toEqual({ url: 'https://corp.example', source: 'policy', locked: true });
    expect(events).toEqual([]);
  });
});

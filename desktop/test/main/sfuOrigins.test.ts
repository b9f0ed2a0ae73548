import { createApiClient } from '@wava/protocol';
import { describe, expect, it } from 'vitest';
import { buildContentSecurityPolicy } from '../../src/main/security/contentSecurityPolicy.js';
import { createSfuOrigins, MAX_SFU_ORIGINS, sfuConnectOrigins } from '../../src/main/security/sfuOrigins.js';
import { createConfStore } from './support/confStore.js';
import { useRealServer } from './support/realServer.js';
import { useTempDirs } from './support/tempDir.js';

const connectSrc = (csp: string) =>
  csp
    .split(';')
    .map((part) => part.trim().split(/\s+/))
    .find(([name]) => name === 'connect-src')
    ?.slice(1);

describe('SFU public addresses in the CSP', () => {
  it.each([
    [['wss://janus.example.com:8989/janus'], ['wss://janus.example.com:8989']],
    [['ws://10.0.0.5:8188'], ['ws://10.0.0.5:8188']],
    [['wss://a.example.com', 'wss://a.example.com/other'], ['wss://a.example.com']],
    [['https://janus.example.com', 'http://janus.example.com'], []],
    [['javascript:alert(1)', 'data:text/plain,x', 'file:///etc/passwd'], []],
    [['wss://user:secret@janus.example.com'], []],
    [["wss://janus.example.com 'unsafe-eval'", 'wss://*'], []],
    [['not a url'], []],
  ])('keeps only ws/wss origins from %j (for a server at an http: address)', (announced, expected) => {
    expect(sfuConnectOrigins(announced, 'http://10.0.0.2:3000')).toEqual(expected);
  });

  it('keeps only wss: origins for a server at an https: address (a ws: one would carry Janus tokens in cleartext)', () => {
    expect(
      sfuConnectOrigins(['ws://janus.example.com:8188', 'wss://janus.example.com:8989'], 'https://meet.example.com'),
    ).toEqual(['wss://janus.example.com:8989']);
    expect(sfuConnectOrigins(['ws://10.0.0.5:8188'], 'https://meet.example.com/')).toEqual([]);
  });

  it('takes nothing from a list longer than a deployment could have', () => {
    const many = Array.from({ length: MAX_SFU_ORIGINS + 1 }, (_, i) => `wss://janus${i}.example.com`);
    expect(sfuConnectOrigins(many, 'https://meet.example.com')).toEqual([]);
  });

  const tempDir = useTempDirs();
  const startServer = useRealServer();

  /** A Wava server with clients sent to Janus at its public address (the instance itself need not be up). */
  const directModeServer = () =>
    startServer(tempDir(), {
      WAVA_SFU_URLS: 'ws://127.0.0.1:1',
      WAVA_SFU_ADMIN_URLS: 'ws://127.0.0.1:2',
      WAVA_SFU_PUBLIC_URLS: 'wss://janus.example.com:8989/janus',
      WAVA_SFU_SECRET: 'sfu-test-secret-of-at-least-32-characters',
    });

  it('lets the page reach the Janus address its server announces, and only while it talks to that server', async () => {
    const server = await directModeServer();
    const { store } = createConfStore(tempDir(), 'settings');
    const origins = createSfuOrigins({ store, fetchConfig: (url) => createApiClient(url).config() });
    const csp = (serverUrl: string) =>
      connectSrc(
        buildContentSecurityPolicy({ serverUrl, devServerOrigin: null, sfuOrigins: origins.forServer(serverUrl) }),
      );
    expect(csp(server.url)).not.toContain('wss://janus.example.com:8989');

    await expect(origins.refresh(server.url)).resolves.toBe(true);
    expect(csp(server.url)).toEqual([
      "'self'",
      server.url,
      server.url.replace(/^http/, 'ws'),
      'wss://janus.example.com:8989',
    ]);
    // Remembered on the device: the next start's first page load has it.
    const again = createSfuOrigins({ store: createConfStore(tempDir(), 'other').store, fetchConfig: () => never() });
    expect(again.forServer(server.url)).toEqual([]);
    expect(createSfuOrigins({ store, fetchConfig: () => never() }).forServer(server.url)).toEqual([
      'wss://janus.example.com:8989',
    ]);
    // Unchanged: nothing to reload.
    await expect(origins.refresh(server.url)).resolves.toBe(false);
    // Another server does not get this one's SFU.
    expect(csp('https://meet.other.example')).toEqual([
      "'self'",
      'https://meet.other.example',
      'wss://meet.other.example',
    ]);
  });

  it('forgets the addresses of a server that no longer announces any, and keeps them while it is unreachable', async () => {
    const server = await directModeServer();
    const plain = await startServer(tempDir());
    const { store } = createConfStore(tempDir(), 'settings');
    const origins = createSfuOrigins({ store, fetchConfig: (url) => createApiClient(url).config() });
    await origins.refresh(server.url);
    expect(origins.forServer(server.url)).toEqual(['wss://janus.example.com:8989']);

    const unreachable = createSfuOrigins({ store, fetchConfig: () => Promise.reject(new Error('offline')) });
    await expect(unreachable.refresh(server.url)).resolves.toBe(false);
    expect(origins.forServer(server.url)).toEqual(['wss://janus.example.com:8989']);

    // The person switched to a server without an SFU at a public address.
    await expect(origins.refresh(plain.url)).resolves.toBe(false);
    expect(origins.forServer(plain.url)).toEqual([]);
    expect(origins.forServer(server.url)).toEqual([]);
  });
});

function never(): Promise<never> {
  return new Promise(() => undefined);
}

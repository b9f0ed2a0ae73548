import { API_ROUTES, createApiClient, type ApiClientOptions, type FetchLike } from '@wava/protocol';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createAuthService } from '../../src/main/auth/AuthService.js';
import type { SecretProtection } from '../../src/main/auth/SecretCipher.js';
import { createTokenVault } from '../../src/main/auth/TokenVault.js';
import { createAesGcmCipher } from './support/aesGcmCipher.js';
import { createConfStore } from './support/confStore.js';
import { heldAnswers } from './support/heldAnswers.js';
import { heldCipher } from './support/heldCipher.js';
import { createMemoryLogger } from './support/memoryLogger.js';
import { useRealServer } from './support/realServer.js';
import { losingAnswers } from '../../../signaling-server/test/support/losingAnswers.js';
import { useTempDirs } from './support/tempDir.js';

const tempDir = useTempDirs();
const startServer = useRealServer();

const ADA = { username: 'ada', displayName: 'Ada Lovelace', password: 'analytical-engine-1843' };

/**
 * The main process's sign-in, over a real server, a real conf store and a real cipher (whose answers the test can
 * hold, as a slow OS key store would). `restart` = quit and reopen Wava (optionally with other request timeouts).
 */
async function setup(protection: SecretProtection = 'os-keystore', fetchImpl?: FetchLike) {
  const server = await startServer(tempDir(), { WAVA_REFRESH_GRACE: '10s' });
  const storeDir = tempDir();
  const cipher = heldCipher(createAesGcmCipher(protection));
  const log = createMemoryLogger();
  let signedInCalls = 0;
  const open = (clientOptions?: ApiClientOptions) => {
    const { store, path } = createConfStore(storeDir);
    const vault = createTokenVault({ store, cipher, allowInsecureStorage: true, log });
    const auth = createAuthService({
      api: () => createApiClient(server.url, fetchImpl, clientOptions),
      serverOrigin: () => server.url,
      vault,
      now: server.now,
      log,
      onSignedIn: () => void (signedInCalls += 1),
    });
    return { auth, vault, path };
  };
  return { server, ...open(), restart: open, cipher, log, signedIn: () => signedInCalls };
}

describe('desktop sign-in against the real server', () => {
  it('registers, hands the renderer the user and an access token that the server accepts', async () => {
    const { auth, server, signedIn } = await setup();
    const registered = await auth.register(ADA);
    expect(registered).toMatchObject({ ok: true, data: { user: { username: 'ada', displayName: 'Ada Lovelace' } } });
    expect(JSON.stringify(registered)).not.toMatch(/refreshToken/);
    const token = await auth.accessToken(false);
    expect(token.ok).toBe(true);
    const me = await createApiClient(server.url).me(token.ok ? token.data : '');
    expect(me).toMatchObject({ ok: true, data: { username: 'ada' } });
    expect(signedIn()).toBe(1);
  });

  it('passes the server\u2019s sentence through for a bad sign-in', async () => {
    const { auth } = await setup();
    await auth.register(ADA);
    const result = await auth.login({ username: 'ada', password: 'wrong-password-123' });
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_CREDENTIALS' } });
    expect(result.ok ? '' : result.error.message).toMatch(/do not match/);
  });

  it('restores the sign-in after a restart from the encrypted refresh token', async () => {
    const { auth, restart } = await setup();
    await auth.register(ADA);
    const reopened = restart();
    expect(await reopened.auth.restore()).toEqual({ user: expect.objectContaining({ username: 'ada' }) });
    expect((await reopened.auth.accessToken(false)).ok).toBe(true);
  });

  it('refreshes the access token when it is about to expire, and rotates the refresh token', async () => {
    const { auth, server, vault } = await setup();
    await auth.register(ADA);
    const first = await auth.accessToken(false);
    const refreshBefore = await vault.load(server.url, server.now());
    expect(await auth.accessToken(false)).toEqual(first); // still fresh: no refresh
    server.advance(server.accessTokenTtlMs - 10_000);
    const second = await auth.accessToken(false);
    expect(second.ok && first.ok && second.data !== first.data).toBe(true);
    expect(await vault.load(server.url, server.now())).not.toBe(refreshBefore);
  });

  it('refreshes once for many simultaneous callers (a second use of a rotated token would sign everyone out)', async () => {
    const { auth, restart } = await setup();
    await auth.register(ADA);
    const reopened = restart();
    const results = await Promise.all(Array.from({ length: 5 }, () => reopened.auth.accessToken(true)));
    expect(results.every((result) => result.ok)).toBe(true);
    expect(new Set(results.map((result) => (result.ok ? result.data : ''))).size).toBe(1);
    expect((await reopened.auth.accessToken(true)).ok).toBe(true);
  });

  it('a refresh whose answer is lost (the server rotated the token) still ends signed in, and stays so', async () => {
    const network = losingAnswers(API_ROUTES.refresh, 1);
    const { auth, server, restart } = await setup('os-keystore', network);
    await auth.register(ADA);
    const token = await auth.accessToken(true);
    expect(network.lost()).toBe(1);
    expect(token.ok ? 'ok' : token.error.code).toBe('ok');
    // Long after the server's grace, a restart refreshes with the stored token: the new one, not the one whose
    // answer was lost (REFRESH_REUSED would sign the person out everywhere).
    server.advance(server.accessTokenTtlMs);
    const reopened = restart();
    expect(await reopened.auth.restore()).toEqual({ user: expect.objectContaining({ username: 'ada' }) });
  });

  it('signing out while a refresh waits to be sent again stops it: the spent token is not presented after', async () => {
    const network = losingAnswers(API_ROUTES.refresh, 3);
    const { auth } = await setup('os-keystore', network);
    await auth.register(ADA);
    const refreshing = auth.accessToken(true);
    await expect.poll(network.lost).toBe(1);
    auth.logout();
    expect((await refreshing).ok).toBe(false);
    // Sent again after the sign-out revoked its sign-in, the token would read as stolen (REFRESH_REUSED).
    expect(network.lost()).toBe(1);
  });

  it('signs out at once, without waiting for the server: the token is gone here, and revoked there in the background', async () => {
    const network = heldAnswers(API_ROUTES.logout);
    const { auth, vault, server, restart, path } = await setup('os-keystore', network);
    await auth.register(ADA);
    const stolen = await vault.load(server.url, server.now());
    auth.logout();
    // Before the server's answer: signed out here, in memory and on disk.
    expect(await auth.restore()).toBeNull();
    expect(readFileSync(path, 'utf8')).not.toContain('refreshToken');
    expect(await restart().auth.restore()).toBeNull();
    expect(network.answered()).toBe(0);
    network.release();
    await expect.poll(network.answered).toBe(1);
    expect(await createApiClient(server.url).refresh(stolen ?? '')).toMatchObject({ ok: false });
  });

  it('a server that never answers the sign-out is given up after the request timeout, and said so in the log', async () => {
    const network = heldAnswers(API_ROUTES.logout);
    const { auth, log, path, restart } = await setup('os-keystore', network);
    await auth.register(ADA);
    const reopened = restart({ timeoutMs: 200 });
    reopened.auth.logout();
    expect(readFileSync(path, 'utf8')).not.toContain('refreshToken');
    await expect.poll(() => log.text()).toMatch(/the server did not confirm sign-out.*SERVER_UNREACHABLE/);
    expect(network.answered()).toBe(0);
    network.release();
  });

  it('quitting can wait for a sign-out in flight: once it has settled, the server has revoked the token', async () => {
    const network = heldAnswers(API_ROUTES.logout);
    const { auth, vault, server } = await setup('os-keystore', network);
    await auth.register(ADA);
    expect(auth.signOuts.busy()).toBe(false);
    const stolen = await vault.load(server.url, server.now());
    auth.logout();
    expect(auth.signOuts.busy()).toBe(true);
    let settled: boolean | null = null;
    const waiting = auth.signOuts.settled(60_000).then((result) => (settled = result));
    await expect.poll(network.arrived).toBe(1);
    expect(settled).toBeNull();
    network.release();
    await waiting;
    expect(settled).toBe(true);
    expect(network.answered()).toBe(1);
    expect(auth.signOuts.busy()).toBe(false);
    expect(await createApiClient(server.url).refresh(stolen ?? '')).toMatchObject({ ok: false });
  });

  it('a sign-out the server does not answer holds quitting no longer than the bound', async () => {
    const network = heldAnswers(API_ROUTES.logout);
    const { auth } = await setup('os-keystore', network);
    await auth.register(ADA);
    auth.logout();
    await expect.poll(network.arrived).toBe(1);
    expect(await auth.signOuts.settled(50)).toBe(false);
    expect(network.answered()).toBe(0);
    expect(auth.signOuts.busy()).toBe(true);
    network.release();
    expect(await auth.signOuts.settled(60_000)).toBe(true);
  });

  it('a sign-in that ends after the sign-out is revoked, and quitting waits for that too', async () => {
    const network = heldAnswers(API_ROUTES.login);
    const revoking = heldAnswers(API_ROUTES.logout);
    const given: string[] = [];
    const watching: FetchLike = async (input, init) => {
      if (new URL(input).pathname === API_ROUTES.logout) return revoking(input, init);
      const response = await network(input, init);
      if (new URL(input).pathname !== API_ROUTES.login) return response;
      const body = await response.json();
      given.push((body as { refreshToken: string }).refreshToken);
      return { ok: response.ok, status: response.status, headers: response.headers, json: async () => body };
    };
    const { auth, server } = await setup('os-keystore', watching);
    await createApiClient(server.url).register(ADA);
    const signingIn = auth.login(ADA);
    await expect.poll(network.arrived).toBe(1);
    auth.logout();
    network.release();
    expect((await signingIn).ok).toBe(false);
    await expect.poll(revoking.arrived).toBe(1);
    expect(auth.signOuts.busy()).toBe(true);
    revoking.release();
    expect(await auth.signOuts.settled(60_000)).toBe(true);
    expect(revoking.answered()).toBe(1);
    expect(given).toHaveLength(1);
    expect(await createApiClient(server.url).refresh(given[0] ?? '')).toMatchObject({ ok: false });
  });

  it('a refresh whose answer comes after the sign-out keeps nothing', async () => {
    const network = heldAnswers(API_ROUTES.refresh);
    const { auth, restart, path } = await setup('os-keystore', network);
    await auth.register(ADA);
    const refreshing = auth.accessToken(true);
    await expect.poll(network.arrived).toBe(1);
    auth.logout();
    network.release();
    expect((await refreshing).ok).toBe(false);
    expect(await auth.restore()).toBeNull();
    expect(readFileSync(path, 'utf8')).not.toContain('refreshToken');
    expect(await restart().auth.restore()).toBeNull();
  });

  it('a refresh still being encrypted for storage when the person signs out writes nothing and signs nobody in', async () => {
    const { auth, cipher, restart, path } = await setup();
    await auth.register(ADA);
    cipher.hold();
    const refreshing = auth.accessToken(true);
    await expect.poll(cipher.waiting).toBe(1);
    auth.logout();
    cipher.release();
    expect((await refreshing).ok).toBe(false);
    expect(readFileSync(path, 'utf8')).not.toContain('refreshToken');
    expect(await auth.restore()).toBeNull();
    expect(await restart().auth.restore()).toBeNull();
  });

  it('a sign-in after a sign-out that came while the stored one was still being read gets its own refresh, not the old one\u2019s refusal', async () => {
    const { auth, restart, cipher } = await setup();
    await auth.register(ADA);
    const reopened = restart();
    cipher.hold();
    const restoring = reopened.auth.restore();
    await expect.poll(cipher.waiting).toBe(1);
    reopened.auth.logout();
    cipher.stopHolding();
    expect((await reopened.auth.login(ADA)).ok).toBe(true);
    const token = reopened.auth.accessToken(true);
    cipher.release();
    expect(await restoring).toBeNull();
    expect(await token).toMatchObject({ ok: true });
  });

  it('wipes a sign-in the server no longer accepts', async () => {
    const { auth, vault, server, restart } = await setup();
    await auth.register(ADA);
    const token = await vault.load(server.url, server.now());
    await createApiClient(server.url).logout(token ?? '');
    const reopened = restart();
    expect(await reopened.auth.restore()).toBeNull();
    expect(await reopened.vault.load(server.url, server.now())).toBeNull();
    expect(await reopened.auth.accessToken(false)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it('keeps the sign-in when the server is just unreachable', async () => {
    const storeDir = tempDir();
    const cipher = createAesGcmCipher();
    const { store } = createConfStore(storeDir);
    const vault = createTokenVault({ store, cipher, allowInsecureStorage: true, log: createMemoryLogger() });
    await vault.save({ token: 'rt', serverOrigin: 'http://127.0.0.1:9', expiresAt: Date.now() + 60_000 });
    const auth = createAuthService({
      api: () => createApiClient('http://127.0.0.1:9'),
      serverOrigin: () => 'http://127.0.0.1:9',
      vault,
      now: Date.now,
      log: createMemoryLogger(),
    });
    expect(await auth.accessToken(false)).toMatchObject({ ok: false, error: { code: 'SERVER_UNREACHABLE' } });
    expect(await vault.load('http://127.0.0.1:9', Date.now())).toBe('rt');
  });

  it('on Linux without a keyring: signed in for this run only', async () => {
    const { auth, restart, path } = await setup('basic-text');
    await auth.register(ADA);
    expect((await auth.accessToken(true)).ok).toBe(true);
    const { existsSync } = await import('node:fs');
    expect(existsSync(path) ? readFileSync(path, 'utf8') : '').not.toContain('refreshToken');
    expect(await restart().auth.restore()).toBeNull();
  });
});

import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { SecretProtection } from '../../src/main/auth/SecretCipher.js';
import { createTokenVault } from '../../src/main/auth/TokenVault.js';
import { createAesGcmCipher } from './support/aesGcmCipher.js';
import { createConfStore } from './support/confStore.js';
import { heldCipher } from './support/heldCipher.js';
import { createMemoryLogger } from './support/memoryLogger.js';
import { useTempDirs } from './support/tempDir.js';

const tempDir = useTempDirs();
const SERVER = 'https://meet.example.com';
const TOKEN = 'rt_5f2c9b1e8a7d4c3b2a19f0e8d7c6b5a4.secret-refresh-token-value';
const NOW = 1_700_000_000_000;
const LATER = NOW + 30 * 86_400_000;

/** A vault over a real conf file in a temp dir; `reopen` simulates quitting and starting Wava again. */
function setup(protection: SecretProtection, options: { allowInsecureStorage?: boolean } = {}) {
  const dir = tempDir();
  const cipher = createAesGcmCipher(protection);
  /** The same cipher, its answers held while the test says so (a slow OS key store). */
  const held = heldCipher(cipher);
  const log = createMemoryLogger();
  const open = () => {
    const { store, path } = createConfStore(dir);
    const vault = createTokenVault({
      store,
      cipher: held,
      allowInsecureStorage: options.allowInsecureStorage ?? true,
      log,
    });
    return { vault, store, path };
  };
  const first = open();
  return { ...first, cipher, held, log, reopen: open, disk: () => readFileSync(first.path, 'utf8') };
}

function expectNotOnDisk(disk: string) {
  expect(disk).not.toContain(TOKEN);
  expect(disk).not.toContain(Buffer.from(TOKEN).toString('base64'));
  expect(disk).not.toContain('secret-refresh-token-value');
}

describe('token vault with an OS key store', () => {
  it('keeps the refresh token across a restart, encrypted: nothing readable on disk', async () => {
    const { vault, reopen, disk, path } = setup('os-keystore');
    await vault.save({ token: TOKEN, serverOrigin: SERVER, expiresAt: LATER });
    expectNotOnDisk(disk());
    expect(JSON.parse(disk()).refreshToken).toMatchObject({ version: 1, scheme: 'os-keystore', serverOrigin: SERVER });
    expect(statSync(path).mode & 0o077).toBe(0);
    expect(await reopen().vault.load(SERVER, NOW)).toBe(TOKEN);
    expect(await vault.status()).toEqual({
      protection: 'os-keystore',
      persisted: true,
      insecureOptIn: false,
      optInAllowed: true,
    });
  });

  it('cannot be decrypted without the OS key (file copied to another machine): discarded, not crashed', async () => {
    const { vault, path, log } = setup('os-keystore');
    await vault.save({ token: TOKEN, serverOrigin: SERVER, expiresAt: LATER });
    const stolen = readFileSync(path, 'utf8');
    const elsewhere = setup('os-keystore');
    writeFileSync(elsewhere.path, stolen);
    expect(await elsewhere.reopen().vault.load(SERVER, NOW)).toBeNull();
    expect(elsewhere.log.text() + log.text()).toMatch(/cannot be decrypted/);
    expect(JSON.parse(readFileSync(elsewhere.path, 'utf8')).refreshToken).toBeUndefined();
  });

  it('never hands a token to another server', async () => {
    const { vault, reopen } = setup('os-keystore');
    await vault.save({ token: TOKEN, serverOrigin: SERVER, expiresAt: LATER });
    expect(await reopen().vault.load('https://evil.example', NOW)).toBeNull();
  });

  it('forgets an expired token', async () => {
    const { vault, disk } = setup('os-keystore');
    await vault.save({ token: TOKEN, serverOrigin: SERVER, expiresAt: NOW + 1 });
    expect(await vault.load(SERVER, NOW + 1)).toBeNull();
    expect(JSON.parse(disk()).refreshToken).toBeUndefined();
  });

  it('wipes memory and disk on sign-out', async () => {
    const { vault, reopen, disk } = setup('os-keystore');
    await vault.save({ token: TOKEN, serverOrigin: SERVER, expiresAt: LATER });
    vault.wipe({ forgetChoices: true });
    expect(await vault.load(SERVER, NOW)).toBeNull();
    expect(await reopen().vault.load(SERVER, NOW)).toBeNull();
    expect(JSON.parse(disk()).refreshToken).toBeUndefined();
  });

  it('sign-out takes the token away at once, even from a slow key store, and hands it over to be revoked', async () => {
    const { vault, reopen, disk, held } = setup('os-keystore');
    await vault.save({ token: TOKEN, serverOrigin: SERVER, expiresAt: LATER });
    const restarted = reopen().vault;
    held.hold();
    const withdrawn = restarted.withdraw(SERVER, NOW, { forgetChoices: true });
    expect(JSON.parse(disk()).refreshToken).toBeUndefined();
    held.release();
    expect(await withdrawn).toBe(TOKEN);
    expect(await restarted.load(SERVER, NOW)).toBeNull();
    expect(await restarted.withdraw('https://meet.attacker.example', NOW)).toBeNull();
  });

  it('a wipe while a token is being encrypted: the token is not written after it', async () => {
    const { vault, reopen, disk, held } = setup('os-keystore');
    held.hold();
    const saving = vault.save({ token: TOKEN, serverOrigin: SERVER, expiresAt: LATER });
    await expect.poll(held.waiting).toBe(1);
    vault.wipe({ forgetChoices: true });
    held.release();
    await saving;
    expect(JSON.parse(disk()).refreshToken).toBeUndefined();
    expect(await vault.load(SERVER, NOW)).toBeNull();
    expect(await reopen().vault.load(SERVER, NOW)).toBeNull();
  });

  /** A stored sign-in, the app restarted, and its load held in the key store: then the person signs out. */
  async function signedOutWhileLoading() {
    const { vault, reopen, held } = setup('os-keystore');
    await vault.save({ token: TOKEN, serverOrigin: SERVER, expiresAt: LATER });
    const restarted = reopen().vault;
    held.hold();
    const loading = restarted.load(SERVER, NOW);
    await expect.poll(held.waiting).toBe(1);
    restarted.wipe({ forgetChoices: true });
    return { restarted, loading, held, reopen };
  }

  it('a wipe while the stored token is being decrypted: it does not come back', async () => {
    const { restarted, loading, held } = await signedOutWhileLoading();
    held.release();
    expect(await loading).toBeNull();
    expect(await restarted.load(SERVER, NOW)).toBeNull();
  });

  it('a sign-in on another server saved while the stored one is being read is kept by that read', async () => {
    // Signed out, and signed in on another server, before the key store answered.
    const { restarted, loading, held, reopen } = await signedOutWhileLoading();
    held.stopHolding();
    const other = 'https://meet.other.example';
    await restarted.save({ token: 'rt_other', serverOrigin: other, expiresAt: LATER });
    held.release();
    expect(await loading).toBeNull();
    expect(await restarted.load(other, NOW)).toBe('rt_other');
    expect(await reopen().vault.load(other, NOW)).toBe('rt_other');
  });

  it('a newer token saved while an older one is being encrypted is the one kept', async () => {
    const { vault, reopen, held } = setup('os-keystore');
    held.hold();
    const older = vault.save({ token: 'rt_older', serverOrigin: SERVER, expiresAt: LATER });
    await expect.poll(held.waiting).toBe(1);
    held.stopHolding();
    await vault.save({ token: TOKEN, serverOrigin: SERVER, expiresAt: LATER });
    held.release();
    await older;
    expect(await reopen().vault.load(SERVER, NOW)).toBe(TOKEN);
  });

  it.each<[string, unknown]>([
    ['a string', 'plain-token'],
    ['a wrong version', { version: 2, scheme: 'os-keystore', data: 'AAAA', serverOrigin: SERVER, expiresAt: LATER }],
    ['an unknown scheme', { version: 1, scheme: 'rot13', data: 'AAAA', serverOrigin: SERVER, expiresAt: LATER }],
  ])('discards a tampered record (%s)', async (_name, record) => {
    const { store, reopen, log } = setup('os-keystore');
    store.set('refreshToken', record);
    expect(await reopen().vault.load(SERVER, NOW)).toBeNull();
    expect(log.text()).toMatch(/malformed/);
  });

  it('survives a corrupt store file (starts empty)', async () => {
    const { path, reopen } = setup('os-keystore');
    writeFileSync(path, '{not json');
    expect(await reopen().vault.load(SERVER, NOW)).toBeNull();
  });
});

describe('token vault without an OS key store (Linux basic_text, or no encryption)', () => {
  it.each<SecretProtection>(['basic-text', 'unavailable'])(
    '%s: keeps the sign-in in memory only, writes nothing to disk, and says so',
    async (protection) => {
      const { vault, reopen, disk } = setup(protection);
      await vault.save({ token: TOKEN, serverOrigin: SERVER, expiresAt: LATER });
      expect(await vault.load(SERVER, NOW)).toBe(TOKEN);
      expect(disk()).not.toContain('refreshToken');
      expect(await reopen().vault.load(SERVER, NOW)).toBeNull();
      expect(await vault.status()).toEqual({ protection, persisted: false, insecureOptIn: false, optInAllowed: true });
    },
  );

  it('basic_text: stores it (obfuscated by safeStorage) only after the person opts in', async () => {
    const { vault, reopen, disk } = setup('basic-text');
    await vault.save({ token: TOKEN, serverOrigin: SERVER, expiresAt: LATER });
    const status = await vault.setInsecureOptIn(true);
    expect(status).toEqual({ protection: 'basic-text', persisted: true, insecureOptIn: true, optInAllowed: true });
    expect(JSON.parse(disk()).refreshToken.scheme).toBe('basic-text');
    expect(await reopen().vault.load(SERVER, NOW)).toBe(TOKEN);
  });

  it('no encryption at all: the opt-in stores it as it is, and says it is not protected', async () => {
    const { vault, reopen, disk } = setup('unavailable');
    await vault.save({ token: TOKEN, serverOrigin: SERVER, expiresAt: LATER });
    await vault.setInsecureOptIn(true);
    expect(JSON.parse(disk()).refreshToken.scheme).toBe('plain');
    expect(await reopen().vault.load(SERVER, NOW)).toBe(TOKEN);
  });

  it('withdrawing the opt-in deletes the stored copy', async () => {
    const { vault, reopen, disk } = setup('basic-text');
    await vault.setInsecureOptIn(true);
    await vault.save({ token: TOKEN, serverOrigin: SERVER, expiresAt: LATER });
    await vault.setInsecureOptIn(false);
    expect(disk()).not.toContain('refreshToken');
    expect(await reopen().vault.load(SERVER, NOW)).toBeNull();
  });

  it('policy allowInsecureTokenStorage=false overrides the person\u2019s opt-in', async () => {
    const { vault, disk } = setup('basic-text', { allowInsecureStorage: false });
    const status = await vault.setInsecureOptIn(true);
    await vault.save({ token: TOKEN, serverOrigin: SERVER, expiresAt: LATER });
    expect(status).toEqual({ protection: 'basic-text', persisted: false, insecureOptIn: false, optInAllowed: false });
    expect(disk()).not.toContain('refreshToken');
  });

  it('drops a copy stored with an opt-in once policy forbids it', async () => {
    const dir = tempDir();
    const cipher = createAesGcmCipher('basic-text');
    const log = createMemoryLogger();
    const allowed = createTokenVault({ store: createConfStore(dir).store, cipher, allowInsecureStorage: true, log });
    await allowed.setInsecureOptIn(true);
    await allowed.save({ token: TOKEN, serverOrigin: SERVER, expiresAt: LATER });
    const forbidden = createTokenVault({ store: createConfStore(dir).store, cipher, allowInsecureStorage: false, log });
    expect(await forbidden.load(SERVER, NOW)).toBeNull();
  });

  it('drops a token stored unprotected once a key store appears (it would not be protected)', async () => {
    const { vault, cipher, reopen } = setup('unavailable');
    await vault.setInsecureOptIn(true);
    await vault.save({ token: TOKEN, serverOrigin: SERVER, expiresAt: LATER });
    cipher.setProtection('os-keystore');
    expect(await reopen().vault.load(SERVER, NOW)).toBeNull();
  });

  it('asks once, and again after sign-out', async () => {
    const { vault } = setup('basic-text');
    expect(vault.optInAsked()).toBe(false);
    vault.markOptInAsked();
    await vault.setInsecureOptIn(true);
    expect(vault.optInAsked()).toBe(true);
    vault.wipe();
    expect(vault.optInAsked()).toBe(true);
    vault.wipe({ forgetChoices: true });
    expect(vault.optInAsked()).toBe(false);
    expect((await vault.status()).insecureOptIn).toBe(false);
  });
});

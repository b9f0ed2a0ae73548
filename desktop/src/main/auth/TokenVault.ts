import { z } from 'zod';
import type { TokenStorageStatus } from '../../shared/ipcSchemas.js';
import type { Logger } from '../util/log.js';
import type { KeyValueStore } from './KeyValueStore.js';
import type { SecretCipher, SecretProtection } from './SecretCipher.js';

export interface RefreshSecret {
  token: string;
  /** The server that issued it: a token is never sent to another server. */
  serverOrigin: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

/**
 * Keeps the refresh token in the main process. It always lives in memory while Wava runs; it is written to disk
 * only encrypted by the OS key store, or, where the OS has none (Linux `basic_text`, or no encryption at all),
 * only if the person chose to keep it anyway and IT policy allows that. The renderer never sees it.
 */
export interface TokenVault {
  status(): Promise<TokenStorageStatus>;
  save(secret: RefreshSecret): Promise<void>;
  /** The refresh token for this server, if there is one that has not expired. */
  load(serverOrigin: string, now: number): Promise<string | null>;
  /**
   * Forgets the token, in memory and on disk; on sign-out also the person's storage choice, so it is asked again.
   * A save still encrypting when it is wiped writes nothing.
   */
  wipe(options?: { forgetChoices: boolean }): void;
  /**
   * Sign-out: wipes at once, as `wipe` does, and then gives back the token it held for this server (if it had not
   * expired), so that the server can be told to revoke it.
   */
  withdraw(serverOrigin: string, now: number, options?: { forgetChoices: boolean }): Promise<string | null>;
  /** The person's choice to keep an unprotected sign-in; ignored when policy forbids it. */
  setInsecureOptIn(optIn: boolean): Promise<TokenStorageStatus>;
  /** Whether the person was already asked about keeping an unprotected sign-in. */
  optInAsked(): boolean;
  markOptInAsked(): void;
}

export interface TokenVaultDeps {
  store: KeyValueStore;
  cipher: SecretCipher;
  /** From IT policy: `allowInsecureTokenStorage` (default true). */
  allowInsecureStorage: boolean;
  log: Logger;
}

const KEY_TOKEN = 'refreshToken';
const KEY_OPT_IN = 'insecureStorageOptIn';
const KEY_ASKED = 'insecureStorageAsked';

const storedSecretSchema = z.strictObject({
  version: z.literal(1),
  /** How `data` was protected: by the OS key store, by Chromium's basic_text key, or not at all (base64 only). */
  scheme: z.enum(['os-keystore', 'basic-text', 'plain']),
  data: z.string().max(16_384),
  serverOrigin: z.string().max(2048),
  expiresAt: z.number(),
});
type StoredSecret = z.infer<typeof storedSecretSchema>;

export function createTokenVault(deps: TokenVaultDeps): TokenVault {
  let memory: RefreshSecret | null = null;
  /**
   * Bumped by every save and wipe. Encrypting and decrypting take a while (the OS key store answers
   * asynchronously): what was read or encrypted before a later save or wipe is out of date, and must not be
   * written or adopted over it (a sign-out would be undone).
   */
  let changes = 0;

  const optedIn = () => deps.allowInsecureStorage && deps.store.get(KEY_OPT_IN) === true;
  const persists = (protection: SecretProtection) => protection === 'os-keystore' || optedIn();

  async function status(): Promise<TokenStorageStatus> {
    const protection = await deps.cipher.protection();
    return {
      protection,
      persisted: persists(protection),
      insecureOptIn: protection !== 'os-keystore' && optedIn(),
      optInAllowed: deps.allowInsecureStorage,
    };
  }

  /** Writes `secret` unless a save or wipe came after it while this was encrypting. */
  async function writeToDisk(secret: RefreshSecret): Promise<void> {
    const current = () => memory === secret;
    const protection = await deps.cipher.protection();
    if (!current()) return;
    if (!persists(protection)) {
      deps.store.delete(KEY_TOKEN);
      return;
    }
    const scheme: StoredSecret['scheme'] = protection === 'unavailable' ? 'plain' : protection;
    const data =
      scheme === 'plain'
        ? Buffer.from(secret.token, 'utf8').toString('base64')
        : (await deps.cipher.encrypt(secret.token)).toString('base64');
    if (!current()) return;
    const record: StoredSecret = {
      version: 1,
      scheme,
      data,
      serverOrigin: secret.serverOrigin,
      expiresAt: secret.expiresAt,
    };
    deps.store.set(KEY_TOKEN, record);
  }

  async function decrypt(record: StoredSecret): Promise<RefreshSecret> {
    const bytes = Buffer.from(record.data, 'base64');
    const token = record.scheme === 'plain' ? bytes.toString('utf8') : await deps.cipher.decrypt(bytes);
    return { token, serverOrigin: record.serverOrigin, expiresAt: record.expiresAt };
  }

  /** The stored secret, or null; null too when a save or wipe came while it was being read (it is out of date). */
  async function readFromDisk(): Promise<RefreshSecret | null> {
    const seen = changes;
    const unchanged = () => seen === changes;
    /** A stored copy that cannot be used is removed, unless it was replaced meanwhile. */
    const discard = () => {
      if (unchanged()) deps.store.delete(KEY_TOKEN);
      return null;
    };
    const raw = deps.store.get(KEY_TOKEN);
    if (raw === undefined) return null;
    const parsed = storedSecretSchema.safeParse(raw);
    if (!parsed.success) {
      deps.log.warn('stored sign-in is malformed; it is discarded');
      return discard();
    }
    const record = parsed.data;
    const protection = await deps.cipher.protection();
    const schemeNow: StoredSecret['scheme'] = protection === 'unavailable' ? 'plain' : protection;
    if (!persists(protection) || record.scheme !== schemeNow) {
      // Stored under other conditions (opt-in withdrawn, policy changed, key store appeared or vanished).
      return discard();
    }
    try {
      const secret = await decrypt(record);
      return unchanged() ? secret : null;
    } catch (error) {
      deps.log.warn('stored sign-in cannot be decrypted; it is discarded', { error: String(error) });
      return discard();
    }
  }

  function wipe(options?: { forgetChoices: boolean }): void {
    changes += 1;
    memory = null;
    deps.store.delete(KEY_TOKEN);
    if (options?.forgetChoices) {
      deps.store.delete(KEY_OPT_IN);
      deps.store.delete(KEY_ASKED);
    }
  }

  /** What was stored, for revoking it: read as it is, whatever the storage conditions now. */
  async function readWithdrawn(raw: unknown): Promise<RefreshSecret | null> {
    const parsed = storedSecretSchema.safeParse(raw);
    if (!parsed.success) return null;
    try {
      return await decrypt(parsed.data);
    } catch {
      return null;
    }
  }

  return {
    status,
    async save(secret) {
      changes += 1;
      const saving = { ...secret };
      memory = saving;
      await writeToDisk(saving);
    },
    async load(serverOrigin, now) {
      const seen = changes;
      // A save while the disk was read has put its own secret in memory; a wipe has left nothing.
      const secret = memory ?? (await readFromDisk()) ?? memory;
      if (!secret) return null;
      if (secret.serverOrigin !== serverOrigin || secret.expiresAt <= now) {
        // Only what this load found is discarded: a sign-in saved meanwhile (on another server) is kept.
        if (changes === seen) {
          memory = null;
          deps.store.delete(KEY_TOKEN);
        }
        return null;
      }
      memory = secret;
      return secret.token;
    },
    wipe,
    async withdraw(serverOrigin, now, options) {
      const held = memory;
      const raw = held ? undefined : deps.store.get(KEY_TOKEN);
      wipe(options);
      const secret = held ?? (raw === undefined ? null : await readWithdrawn(raw));
      return secret && secret.serverOrigin === serverOrigin && secret.expiresAt > now ? secret.token : null;
    },
    async setInsecureOptIn(optIn) {
      if (optIn && deps.allowInsecureStorage) deps.store.set(KEY_OPT_IN, true);
      else deps.store.delete(KEY_OPT_IN);
      if (memory) await writeToDisk(memory);
      else if ((await deps.cipher.protection()) !== 'os-keystore' && !optedIn()) deps.store.delete(KEY_TOKEN);
      return status();
    },
    optInAsked: () => deps.store.get(KEY_ASKED) === true,
    markOptInAsked: () => deps.store.set(KEY_ASKED, true),
  };
}

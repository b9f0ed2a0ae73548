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
  /** Forgets the token, in memory and on disk; on sign-out also the person's storage choice, so it is asked again. */
  wipe(options?: { forgetChoices: boolean }): void;
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

  async function writeToDisk(secret: RefreshSecret): Promise<void> {
    const protection = await deps.cipher.protection();
    if (!persists(protection)) {
      deps.store.delete(KEY_TOKEN);
      return;
    }
    const scheme: StoredSecret['scheme'] = protection === 'unavailable' ? 'plain' : protection;
    const data =
      scheme === 'plain'
        ? Buffer.from(secret.token, 'utf8').toString('base64')
        : (await deps.cipher.encrypt(secret.token)).toString('base64');
    const record: StoredSecret = {
      version: 1,
      scheme,
      data,
      serverOrigin: secret.serverOrigin,
      expiresAt: secret.expiresAt,
    };
    deps.store.set(KEY_TOKEN, record);
  }

  async function readFromDisk(): Promise<RefreshSecret | null> {
    const raw = deps.store.get(KEY_TOKEN);
    if (raw === undefined) return null;
    const parsed = storedSecretSchema.safeParse(raw);
    if (!parsed.success) {
      deps.log.warn('stored sign-in is malformed; it is discarded');
      deps.store.delete(KEY_TOKEN);
      return null;
    }
    const record = parsed.data;
    const protection = await deps.cipher.protection();
    const schemeNow: StoredSecret['scheme'] = protection === 'unavailable' ? 'plain' : protection;
    if (!persists(protection) || record.scheme !== schemeNow) {
      // Stored under other conditions (opt-in withdrawn, policy changed, key store appeared or vanished).
      deps.store.delete(KEY_TOKEN);
      return null;
    }
    try {
      const bytes = Buffer.from(record.data, 'base64');
      const token = record.scheme === 'plain' ? bytes.toString('utf8') : await deps.cipher.decrypt(bytes);
      return { token, serverOrigin: record.serverOrigin, expiresAt: record.expiresAt };
    } catch (error) {
      deps.log.warn('stored sign-in cannot be decrypted; it is discarded', { error: String(error) });
      deps.store.delete(KEY_TOKEN);
      return null;
    }
  }

  return {
    status,
    async save(secret) {
      memory = { ...secret };
      await writeToDisk(secret);
    },
    async load(serverOrigin, now) {
      const secret = memory ?? (await readFromDisk());
      if (!secret) return null;
      if (secret.serverOrigin !== serverOrigin || secret.expiresAt <= now) {
        memory = null;
        deps.store.delete(KEY_TOKEN);
        return null;
      }
      memory = secret;
      return secret.token;
    },
    wipe(options) {
      memory = null;
      deps.store.delete(KEY_TOKEN);
      if (options?.forgetChoices) {
        deps.store.delete(KEY_OPT_IN);
        deps.store.delete(KEY_ASKED);
      }
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

import { createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { ConfigError } from './ConfigError.js';

export const SECRETS_FILE = 'secrets.json';

const secretsFileSchema = z.object({
  version: z.literal(1),
  jwtSecret: z.base64().refine((value) => Buffer.from(value, 'base64').length >= 32),
  peerSecret: z.base64().refine((value) => Buffer.from(value, 'base64').length >= 32),
});
type SecretsFile = z.infer<typeof secretsFileSchema>;

export interface Secrets {
  /** Signs and verifies access tokens (HS256). */
  jwtKey: KeyObject;
  /** Signs peer tokens and derives the PeerJS key. */
  peerKey: KeyObject;
}

/**
 * The server's secrets: from the environment when given, otherwise generated on first run into
 * `<dataDir>/secrets.json` with mode 0600 and read back on every later run, so tokens survive restarts.
 */
export function loadSecrets(
  dataDir: string,
  fromEnv: { jwtSecret: string | null; peerSecret: string | null },
): Secrets {
  const file = join(dataDir, SECRETS_FILE);
  const stored = fromEnv.jwtSecret && fromEnv.peerSecret ? null : readOrCreate(file);
  return {
    jwtKey: createSecretKey(fromEnv.jwtSecret ? Buffer.from(fromEnv.jwtSecret, 'utf8') : b64(stored!.jwtSecret)),
    peerKey: createSecretKey(fromEnv.peerSecret ? Buffer.from(fromEnv.peerSecret, 'utf8') : b64(stored!.peerSecret)),
  };
}

function readOrCreate(file: string): SecretsFile {
  if (!existsSync(file)) {
    const fresh: SecretsFile = {
      version: 1,
      jwtSecret: randomBytes(32).toString('base64'),
      peerSecret: randomBytes(32).toString('base64'),
    };
    try {
      writeFileSync(file, `${JSON.stringify(fresh, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
      return fresh;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new ConfigError(`Cannot write the secrets file ${file}: ${(error as Error).message}.`);
      }
    }
  }
  let parsed: ReturnType<typeof secretsFileSchema.safeParse>;
  try {
    parsed = secretsFileSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  } catch (error) {
    throw new ConfigError(`Cannot read the secrets file ${file}: ${(error as Error).message}.`);
  }
  if (!parsed.success) {
    throw new ConfigError(
      `The secrets file ${file} is damaged. Restore it from a backup, or delete it to sign everyone out.`,
    );
  }
  if (process.platform !== 'win32') chmodSync(file, 0o600);
  return parsed.data;
}

function b64(value: string): Buffer {
  return Buffer.from(value, 'base64');
}

import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const KEY_LENGTH = 32;
const SALT_LENGTH = 16;
const R = 8;
const P = 1;

export interface PasswordHasher {
  /** `scrypt$N$r$p$salt$hash` (salt and hash base64): the parameters travel with the hash. */
  hash(password: string): Promise<string>;
  /** Constant-time check; false for a malformed stored hash. */
  verify(password: string, stored: string): Promise<boolean>;
  /** True when the stored hash was made with other parameters than today's: rehash at the next sign-in. */
  needsRehash(stored: string): boolean;
  /** A hash of nothing in particular, with today's parameters: sign-in checks it for unknown usernames. */
  dummyHash(): Promise<string>;
}

/** scrypt from node:crypto with N = 2^logN (15 in production), r = 8, p = 1. */
export function createPasswordHasher(logN: number): PasswordHasher {
  const N = 2 ** logN;
  let dummy: Promise<string> | null = null;

  async function hash(password: string): Promise<string> {
    const salt = randomBytes(SALT_LENGTH);
    const key = await derive(password, salt, KEY_LENGTH, { N, r: R, p: P });
    return ['scrypt', N, R, P, salt.toString('base64'), key.toString('base64')].join('$');
  }

  return {
    hash,
    async verify(password, stored) {
      const parsed = parseHash(stored);
      if (!parsed) return false;
      const key = await derive(password, parsed.salt, parsed.hash.length, parsed.options);
      return timingSafeEqual(key, parsed.hash);
    },
    needsRehash(stored) {
      const parsed = parseHash(stored);
      return !parsed || parsed.options.N !== N || parsed.options.r !== R || parsed.options.p !== P;
    },
    dummyHash() {
      dummy ??= hash(randomBytes(16).toString('base64'));
      return dummy;
    },
  };
}

interface ParsedHash {
  options: { N: number; r: number; p: number };
  salt: Buffer;
  hash: Buffer;
}

function parseHash(stored: string): ParsedHash | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  const isPowerOfTwo = Number.isInteger(N) && N > 1 && (N & (N - 1)) === 0;
  if (
    !isPowerOfTwo ||
    N > 2 ** 20 ||
    !Number.isInteger(r) ||
    r < 1 ||
    r > 32 ||
    !Number.isInteger(p) ||
    p < 1 ||
    p > 16
  ) {
    return null;
  }
  const salt = Buffer.from(parts[4]!, 'base64');
  const hash = Buffer.from(parts[5]!, 'base64');
  if (salt.length < 8 || hash.length < 16) return null;
  return { options: { N, r, p }, salt, hash };
}

function derive(
  password: string,
  salt: Buffer,
  keyLength: number,
  options: { N: number; r: number; p: number },
): Promise<Buffer> {
  // scrypt needs about 128 * N * r bytes; the default 32 MiB cap is exactly too small for N = 2^15, r = 8.
  const scryptOptions: ScryptOptions = { ...options, maxmem: 256 * options.N * options.r + 1024 * 1024 };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, keyLength, scryptOptions, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

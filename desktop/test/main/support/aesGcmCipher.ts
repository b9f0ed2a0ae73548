import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SecretCipher, SecretProtection } from '../../../src/main/auth/SecretCipher.js';

/**
 * A real cipher behind the safeStorage interface: AES-256-GCM from node:crypto with a key held only in memory,
 * as the OS key store holds safeStorage's key. `protection` is what this fake OS offers.
 */
export function createAesGcmCipher(protection: SecretProtection = 'os-keystore', key: Buffer = randomBytes(32)) {
  const cipher: SecretCipher & { key: Buffer; setProtection(next: SecretProtection): void } = {
    key,
    setProtection(next) {
      protection = next;
    },
    async protection() {
      return protection;
    },
    async encrypt(plainText) {
      if (protection === 'unavailable') throw new Error('Encryption is not available');
      const iv = randomBytes(12);
      const aes = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([aes.update(plainText, 'utf8'), aes.final()]);
      return Buffer.concat([iv, aes.getAuthTag(), body]);
    },
    async decrypt(data) {
      if (protection === 'unavailable') throw new Error('Encryption is not available');
      const aes = createDecipheriv('aes-256-gcm', key, data.subarray(0, 12));
      aes.setAuthTag(data.subarray(12, 28));
      return Buffer.concat([aes.update(data.subarray(28)), aes.final()]).toString('utf8');
    },
  };
  return cipher;
}

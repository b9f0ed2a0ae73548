import type { SecretCipher } from '../../../src/main/auth/SecretCipher.js';

/**
 * A cipher whose answers can be held, as the OS key store keeps safeStorage's asynchronous calls waiting (a
 * keychain that asks for a password, a busy secret service): while held, encryptions and decryptions are carried
 * out and their answers wait for `release()`; after `stopHolding()` new calls are answered while the ones held
 * still wait. `waiting()` counts the answers held now.
 */
export function heldCipher(inner: SecretCipher) {
  let holding = false;
  const waiting: Array<() => void> = [];
  const answer = async <T>(work: Promise<T>): Promise<T> => {
    const result = await work;
    if (holding) await new Promise<void>((resolve) => waiting.push(resolve));
    return result;
  };
  const cipher: SecretCipher & { hold(): void; stopHolding(): void; release(): void; waiting(): number } = {
    protection: () => inner.protection(),
    encrypt: (plainText) => answer(inner.encrypt(plainText)),
    decrypt: (cipherText) => answer(inner.decrypt(cipherText)),
    hold() {
      holding = true;
    },
    stopHolding() {
      holding = false;
    },
    release() {
      holding = false;
      waiting.splice(0).forEach((resolve) => resolve());
    },
    waiting: () => waiting.length,
  };
  return cipher;
}

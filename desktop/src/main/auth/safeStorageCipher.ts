import type { SafeStorage } from 'electron';
import type { SecretCipher, SecretProtection } from './SecretCipher.js';

/** Electron's safeStorage as a SecretCipher. Call only after `app` is ready. */
export function safeStorageCipher(safeStorage: SafeStorage, platform: NodeJS.Platform): SecretCipher {
  return {
    async protection(): Promise<SecretProtection> {
      if (!(await safeStorage.isAsyncEncryptionAvailable())) return 'unavailable';
      if (platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') return 'basic-text';
      return 'os-keystore';
    },
    encrypt: (plainText) => safeStorage.encryptStringAsync(plainText),
    decrypt: async (cipherText) => (await safeStorage.decryptStringAsync(cipherText)).result,
  };
}

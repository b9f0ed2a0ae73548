/** What the OS offers to protect a secret at rest. */
export type SecretProtection =
  /** Keychain, DPAPI, libsecret or KWallet: only this user's session can decrypt it. */
  | 'os-keystore'
  /** Linux without a keyring: Chromium's `basic_text` fallback, a fixed key, readable by anyone who has the file. */
  | 'basic-text'
  /** No encryption at all is available. */
  | 'unavailable';

/**
 * The part of Electron's `safeStorage` the token vault uses. In tests, node:crypto AES-GCM with a key held in
 * memory plays the OS key store.
 */
export interface SecretCipher {
  protection(): Promise<SecretProtection>;
  encrypt(plainText: string): Promise<Buffer>;
  decrypt(cipherText: Buffer): Promise<string>;
}

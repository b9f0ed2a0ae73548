/**
 * The part of a persistent key-value store Wava uses. `electron-store` (in the app) and `conf` (in tests, where
 * Electron cannot run) both satisfy it, so the same logic runs over the same file format in both.
 */
export interface KeyValueStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  delete(key: string): void;
}

import Conf from 'conf';
import type { KeyValueStore } from '../../../src/main/auth/KeyValueStore.js';

/**
 * A real `conf` store in `dir`: the same library and file format electron-store uses in the app
 * (electron-store is conf plus Electron's userData path, and cannot load without Electron).
 */
export function createConfStore(dir: string, name = 'session') {
  const conf = new Conf<Record<string, unknown>>({
    cwd: dir,
    configName: name,
    projectName: 'wava-test',
    clearInvalidConfig: true,
    configFileMode: 0o600,
  });
  const store: KeyValueStore = conf;
  return { store, path: conf.path };
}

import type { Logger } from 'pino';
import { afterAll, beforeAll } from 'vitest';
import { createJanusInstance, type JanusInstance } from '../../src/sfu/createJanusInstance.js';
import { startJanus, type JanusProcess } from '../../src/sfu/startJanus.js';
import { SFU_SECRET } from './sfuSupport.js';

/**
 * A real Janus started before the tests of the file (or describe block) that calls this, and a JanusInstance on it
 * (no clean-up of rooms it does not know), both gone after them. Read them inside tests: `janus()`, `instance()`.
 */
export function useJanusInstance(logger: Logger): { janus: () => JanusProcess; instance: () => JanusInstance } {
  let janus: JanusProcess | undefined;
  let instance: JanusInstance | undefined;
  beforeAll(async () => {
    janus = await startJanus({ secret: SFU_SECRET });
    const endpoint = { url: janus.url, adminUrl: janus.adminUrl, publicUrl: null, secret: SFU_SECRET };
    instance = createJanusInstance(endpoint, logger, { cleanUp: false, talking: { packets: 50, level: 50 } });
    await instance.start();
  });
  afterAll(async () => {
    instance?.close();
    await janus?.stop();
  });
  return {
    janus: () => janus ?? fail('Janus is not started yet'),
    instance: () => instance ?? fail('the Janus instance is not started yet'),
  };
}

function fail(message: string): never {
  throw new Error(message);
}

import { createServer } from 'node:net';

/**
 * A TCP port that was free on `host` a moment ago: for a process started next that must be told its port
 * (Janus, redis-server, a server that keeps its port across a restart). Another process may take it meanwhile.
 */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, host, () => {
      const address = probe.address();
      if (address === null || typeof address === 'string') return reject(new Error(`no TCP port on ${host}`));
      probe.close(() => resolve(address.port));
    });
  });
}

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '../../signaling-server/src/net/freePort.js';
import { waitFor } from './waitFor.js';

const SERVER_ENTRY = resolve(__dirname, '../../signaling-server/dist/main.js');

export interface ServerProcess {
  url: string;
  dataDir: string;
  /** Kills the process outright (SIGKILL): no goodbye to clients. */
  kill(): Promise<void>;
  /** Starts it again on the same port and data directory. */
  restart(): Promise<void>;
  stop(): Promise<void>;
  output(): string;
}

/**
 * The real, built server as its own process on a loopback port with a temporary data directory. `entry`: another
 * build's `signaling-server/dist/main.js` (the bench measures an earlier build beside this one).
 */
export async function startServer(env: Record<string, string> = {}, entry = SERVER_ENTRY): Promise<ServerProcess> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'wava-e2e-'));
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess | null = null;
  let log = '';

  async function launch(): Promise<void> {
    child = spawn(process.execPath, [entry], {
      env: {
        ...process.env,
        WAVA_HOST: '127.0.0.1',
        WAVA_PORT: String(port),
        WAVA_DATA_DIR: dataDir,
        WAVA_PUBLIC_URL: url,
        WAVA_LOG_LEVEL: 'warn',
        // The STUN responder on any free UDP port: the same number as the TCP port may be some browser's ICE socket.
        WAVA_STUN_PORT: '0',
        // Every browser of a test comes from 127.0.0.1, like a whole office behind one NAT.
        WAVA_HTTP_CONNECTIONS_PER_IP: '1000',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
    await waitFor(
      () => `the server at ${url} to answer /healthz. Its output:\n${log}`,
      async () => {
        if (child?.exitCode !== null) throw new Error(`the server exited: ${log}`);
        const response = await fetch(`${url}/healthz`).catch(() => null);
        return response?.ok ? true : undefined;
      },
      // A server that exits fails at once; one that starts takes over 20 s on two cores shared with several builds.
      { timeoutMs: 60_000 },
    );
  }

  async function terminate(signal: NodeJS.Signals): Promise<void> {
    const running = child;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise((done) => running.once('exit', done));
    running.kill(signal);
    await exited;
  }

  await launch();
  return {
    url,
    dataDir,
    kill: () => terminate('SIGKILL'),
    restart: launch,
    async stop() {
      await terminate('SIGTERM');
      rmSync(dataDir, { recursive: true, force: true });
    },
    output: () => log,
  };
}

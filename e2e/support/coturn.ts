import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../../signaling-server/src/net/freePort.js';
import { waitFor } from './waitFor.js';

const run = promisify(execFile);

export interface Coturn {
  url: string;
  stop(): Promise<void>;
}

export interface CoturnOptions {
  /**
   * The address relayed media leaves from; loopback by default. For Janus, its own media address: Janus (libnice)
   * answered no check relayed from the veth pair's other end.
   */
  relayIp?: string;
  /** The user coturn runs as once started (`--proc-user`), so a packet filter can tell its packets apart. */
  user?: string;
  /** The relay's ports (49160-49200 by default). */
  relayPorts?: { min: number; max: number };
}

/** A real coturn on loopback with TURN REST credentials (use-auth-secret), as ../shared/TOOLCHAIN.md describes. */
export async function startCoturn(secret: string, options: CoturnOptions = {}): Promise<Coturn> {
  const port = await freePort();
  const workDir = mkdtempSync(join(tmpdir(), 'wava-coturn-'));
  // Its database (where it looks credentials up, even with a static secret) must stay readable by that user.
  if (options.user) await run('chown', [options.user, workDir]);
  let log = '';
  const child: ChildProcess = spawn(
    '/usr/bin/turnserver',
    [
      '-n',
      '--listening-ip=127.0.0.1',
      `--relay-ip=${options.relayIp ?? '127.0.0.1'}`,
      ...(options.user ? [`--proc-user=${options.user}`, `--db=${join(workDir, 'turndb')}`] : []),
      `--listening-port=${port}`,
      `--min-port=${options.relayPorts?.min ?? 49160}`,
      `--max-port=${options.relayPorts?.max ?? 49200}`,
      '--use-auth-secret',
      `--static-auth-secret=${secret}`,
      '--realm=wava.test',
      '--no-tls',
      '--no-dtls',
      '--no-cli',
      '--allow-loopback-peers',
      `--pidfile=${join(workDir, 'turnserver.pid')}`,
      '--log-file=stdout',
      '--simple-log',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  await waitFor(
    () => `coturn to listen on ${port}. Its output:\n${log}`,
    async () => (/Total General servers|listener opened on/i.test(log) ? true : undefined),
  );
  return {
    url: `turn:127.0.0.1:${port}?transport=udp`,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((done) => child.once('exit', done));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(workDir, { recursive: true, force: true });
    },
  };
}

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../src/net/freePort.js';

export interface Haproxy {
  url: string;
  stop(): Promise<void>;
}

/**
 * A real haproxy on a free loopback port in front of `servers` (named w1, w2, ...), configured like
 * docs/deploy/haproxy.cfg (readiness checks on /readyz, websocket tunnel timeout, the WAVASRV cookie, redispatch)
 * with checks fast enough for a test. A missing binary is an error: `apt-get install -y haproxy`.
 */
export async function startHaproxy(servers: string[], port?: number): Promise<Haproxy> {
  port ??= await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'wava-haproxy-'));
  const config = [
    'global',
    '    maxconn 2000',
    'defaults',
    '    mode http',
    '    timeout connect 2s',
    '    timeout client 60s',
    '    timeout server 60s',
    '    timeout tunnel 1h',
    '    option redispatch',
    '    retries 2',
    'frontend wava',
    `    bind 127.0.0.1:${port}`,
    '    option forwardfor',
    '    default_backend wava_servers',
    'backend wava_servers',
    '    balance leastconn',
    '    option httpchk',
    '    http-check send meth GET uri /readyz',
    '    http-check expect status 200',
    '    cookie WAVASRV insert indirect nocache httponly',
    // A check may take a second and a server goes down after two failed ones: on a loaded 2-core CI machine a
    // single slow answer (at the default check timeout, `inter`) marked a ready server down, and its pinned
    // browser was sent to the other server. A draining server answers 503 at once, so it still leaves in 0.4 s.
    '    timeout check 1s',
    '    default-server check inter 200ms fall 2 rise 1',
    ...servers.map((url, i) => `    server w${i + 1} ${new URL(url).host} cookie w${i + 1}`),
    '',
  ].join('\n');
  const file = join(dir, 'haproxy.cfg');
  writeFileSync(file, config);
  const child = spawn('haproxy', ['-db', '-f', file], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const failed = new Promise<never>((_, reject) => {
    child.once('error', (error) =>
      reject(new Error(`haproxy could not start (apt-get install -y haproxy): ${error.message}`)),
    );
    child.once('exit', (code) => reject(new Error(`haproxy exited with status ${code}: ${stderr}`)));
  });
  failed.catch(() => undefined);
  await Promise.race([waitForPort(port), failed]);
  const listening = port;
  return {
    url: `http://127.0.0.1:${listening}`,
    stop: () =>
      new Promise((resolve) => {
        const done = () => {
          rmSync(dir, { recursive: true, force: true });
          resolve();
        };
        if (child.exitCode !== null) return done();
        child.once('exit', done);
        child.kill('SIGTERM');
      }),
  };
}

/** Resolves once something accepts TCP connections on 127.0.0.1:`port` (tried every 50 ms, 5 s at most). */
export async function waitForPort(port: number): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('haproxy did not listen within 5 s');
}

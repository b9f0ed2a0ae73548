import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../../src/net/freePort.js';
import { waitForPort } from '../support/haproxy.js';

/** The shipped balancer configuration (README "Deploying: several servers"). */
const SHIPPED = readFileSync(fileURLToPath(new URL('../../../docs/deploy/haproxy.cfg', import.meta.url)), 'utf8');

/** The open-file limit haproxy may raise its own to (`ulimit -Hn`). */
const hardFileLimit = () => Number(execFileSync('sh', ['-c', 'ulimit -Hn']).toString().trim()) || Infinity;

const dirs: string[] = [];
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGTERM');
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/**
 * The shipped file with only what names a site changed: it listens on a loopback port (no certificate here, so
 * no TLS address) and logs to stderr; its servers are closed loopback ports. `maxconn` as given.
 */
function onThisMachine(port: number, maxconn?: number): string {
  const text = SHIPPED.replace(/^ {4}bind :80$/m, `    bind 127.0.0.1:${port}`)
    .replace(/^ {4}bind :443 .*\n/m, '')
    .replace('log /dev/log local0', 'log stderr local0')
    .replace(/10\.0\.0\.1[12]:8080/g, '127.0.0.1:1');
  return maxconn === undefined ? text : text.replace(/^ {4}maxconn \d+$/m, `    maxconn ${maxconn}`);
}

/** Starts haproxy on `config`: resolves once it listens on `port`, or with what it said when it exited. */
async function run(config: string, port: number): Promise<{ listening: boolean; said: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'wava-balancer-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'haproxy.cfg'), config);
  const child = spawn('haproxy', ['-db', '-f', join(dir, 'haproxy.cfg')], { stdio: ['ignore', 'ignore', 'pipe'] });
  children.push(child);
  let said = '';
  child.stderr!.on('data', (chunk: Buffer) => (said += chunk.toString()));
  const exited = new Promise<boolean>((resolve) => child.once('exit', () => resolve(false)));
  const listening = await Promise.race([waitForPort(port).then(() => true), exited]);
  return { listening, said };
}

/** What the balancer answers to a plain-HTTP request. */
function askPlainHttp(port: number): Promise<{ status: number; location: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/readyz' }, (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0, location: res.headers.location });
    });
    req.once('error', reject);
    req.end();
  });
}

describe('docs/deploy/haproxy.cfg in a real haproxy', () => {
  it('starts with its maxconn where the open-file limit allows it, and says why where it does not', async () => {
    const limit = hardFileLimit();
    const port = await freePort();
    const shipped = await run(onThisMachine(port), port);
    // Where the hard limit is too low (and haproxy, as root, could not raise it past it), it says what README
    // tells the operator to look for: raise the limit, or lower maxconn to under half of it.
    if (limit < 2 * 40_000 && !shipped.listening)
      expect(shipped.said).toMatch(/Cannot raise FD limit to \d+, limit is \d+/);
    else expect(shipped.listening, shipped.said).toBe(true);
  });

  it('starts with maxconn under half the open-file limit, as README says, and sends plain HTTP to HTTPS', async () => {
    const limit = hardFileLimit();
    const port = await freePort();
    const started = await run(onThisMachine(port, Math.min(40_000, Math.floor(limit / 2) - 100)), port);
    expect(started.said).not.toMatch(/ALERT.*FD limit/);
    expect(started.listening).toBe(true);
    expect(await askPlainHttp(port)).toEqual({ status: 301, location: `https://127.0.0.1:${port}/readyz` });
  });
});

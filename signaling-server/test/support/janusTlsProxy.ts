import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../src/net/freePort.js';
import { waitForPort } from './haproxy.js';

/** The shipped configuration (docs/deploy/haproxy-janus.cfg), run unchanged. */
export const JANUS_PROXY_CONFIG = fileURLToPath(new URL('../../../docs/deploy/haproxy-janus.cfg', import.meta.url));

/** Debian installs haproxy in /usr/sbin, which a non-root PATH may lack. */
const HAPROXY = existsSync('/usr/sbin/haproxy') ? '/usr/sbin/haproxy' : 'haproxy';

/** The per-address limits the shipped file sets by default (`"${WAVA_JANUS_MAX_CONN-200}"` and the like). */
export interface JanusProxyLimits {
  /** WAVA_JANUS_MAX_CONN: connections open at once. */
  maxConn: number;
  /** WAVA_JANUS_CONN_RATE: new connections in 10 s. */
  connRate: number;
  /** WAVA_JANUS_UPGRADE_RATE: upgrade requests in 10 s. */
  upgradeRate: number;
}

export function shippedJanusProxyLimits(): JanusProxyLimits {
  const text = readFileSync(JANUS_PROXY_CONFIG, 'utf8');
  const value = (name: string) => {
    const match = new RegExp(`"\\$\\{${name}-(\\d+)\\}"`).exec(text);
    if (!match) throw new Error(`${JANUS_PROXY_CONFIG} sets no number for ${name}`);
    return Number(match[1]);
  };
  return {
    maxConn: value('WAVA_JANUS_MAX_CONN'),
    connRate: value('WAVA_JANUS_CONN_RATE'),
    upgradeRate: value('WAVA_JANUS_UPGRADE_RATE'),
  };
}

/**
 * Why the proxy cannot run on this machine (no haproxy, or no openssl for the throwaway certificate), or null.
 * scripts/test.sh installs both, so CI always runs it.
 */
export function janusTlsProxyRefusal(): string | null {
  for (const [binary, args, install] of [
    [HAPROXY, ['-v'], 'haproxy'],
    ['openssl', ['version'], 'openssl'],
  ] as const) {
    const run = spawnSync(binary, args, { stdio: 'ignore' });
    if (run.error || run.status !== 0)
      return `${binary} cannot run here (${run.error?.message ?? `status ${run.status}`}): apt-get install -y ${install}`;
  }
  return null;
}

export interface JanusTlsProxy {
  /** `wss://127.0.0.1:<port>`: what WAVA_SFU_PUBLIC_URLS would list. */
  url: string;
  port: number;
  /** The throwaway certificate (PEM), for clients to trust. */
  ca: string;
  stop(): Promise<void>;
}

/**
 * A real haproxy running docs/deploy/haproxy-janus.cfg unchanged, on a free loopback port in front of the Janus
 * API at `janusApi` (`host:port`), with a self-signed certificate for 127.0.0.1 made for this run (never kept).
 * The deployment's own settings (address, certificate, Janus) come from the environment; the limits are the
 * file's defaults unless `limits` sets some (as an administrator would, in haproxy's environment).
 */
export async function startJanusTlsProxy(
  janusApi: string,
  limits: Partial<Record<'WAVA_JANUS_MAX_CONN' | 'WAVA_JANUS_CONN_RATE' | 'WAVA_JANUS_UPGRADE_RATE', string>> = {},
): Promise<JanusTlsProxy> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'wava-janus-proxy-'));
  const pem = join(dir, 'janus.pem');
  const made = spawnSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
    ],
    { encoding: 'utf8' },
  );
  if (made.status !== 0) throw new Error(`openssl could not make a certificate: ${made.stderr}`);
  const ca = readFileSync(join(dir, 'cert.pem'), 'utf8');
  writeFileSync(pem, ca + readFileSync(join(dir, 'key.pem'), 'utf8'), { mode: 0o600 });

  const child = spawn(HAPROXY, ['-db', '-f', JANUS_PROXY_CONFIG], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: {
      // Not what the shell running the tests may have set.
      ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('WAVA_JANUS_'))),
      WAVA_JANUS_BIND: `127.0.0.1:${port}`,
      WAVA_JANUS_CERT: pem,
      WAVA_JANUS_API: janusApi,
      ...limits,
    },
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const failed = new Promise<never>((_, reject) => {
    child.once('error', (error) => reject(new Error(`haproxy could not start: ${error.message}`)));
    child.once('exit', (code) => reject(new Error(`haproxy exited with status ${code}: ${stderr}`)));
  });
  failed.catch(() => undefined);
  const stop = () =>
    new Promise<void>((resolve) => {
      const done = () => {
        rmSync(dir, { recursive: true, force: true });
        resolve();
      };
      if (child.exitCode !== null || child.signalCode !== null) return done();
      child.once('exit', done);
      child.kill('SIGTERM');
    });
  try {
    await Promise.race([waitForPort(port), failed]);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: `wss://127.0.0.1:${port}`, port, ca, stop };
}

import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../net/freePort.js';
import { JANUS_ADMIN_PROTOCOL, openJanusSocket } from './openJanusSocket.js';
import { writeJanusConfig, type JanusConfigOptions } from './writeJanusConfig.js';

export interface StartJanusOptions extends Partial<Omit<JanusConfigOptions, 'interfaces'>> {
  /** The configuration folder to write; a fresh temporary one (deleted on stop) when omitted. */
  dir?: string;
  /** `ice_enforce_list`: e.g. the veth end a test namespace gives Janus (`wava0`). */
  interfaces?: readonly string[];
  /** The `janus` binary; `janus` from PATH by default (Debian: `apt-get install -y janus`). */
  binary?: string;
  /** How long to wait for the admin API to answer. */
  startTimeoutMs?: number;
}

/** A running `janus -F <dir>`. */
export interface JanusProcess {
  /** `ws://host:port` of the Janus API (what WAVA_SFU_URLS lists). */
  url: string;
  /** `ws://host:port` of the admin API (what WAVA_SFU_ADMIN_URLS lists). */
  adminUrl: string;
  /** WAVA_SFU_SECRET: admin secret, API secret and VideoRoom admin key of this instance. */
  secret: string;
  dir: string;
  pid: number;
  /** The last lines Janus logged, for a failing test's message. */
  log(): string;
  /** SIGTERM, then SIGKILL after 5 s; deletes a temporary configuration folder. */
  stop(): Promise<void>;
  /** SIGKILL at once: an instance that dies. */
  kill(): Promise<void>;
}

const LOG_LINES = 200;

/**
 * Writes a Wava configuration for Janus (writeJanusConfig) and starts `janus -F <dir>` with it, on free ports
 * unless given; resolves once its admin API answers a ping. A missing binary is an error: install Janus.
 */
export async function startJanus(options: StartJanusOptions = {}): Promise<JanusProcess> {
  const host = options.host ?? '127.0.0.1';
  const wsPort = options.wsPort ?? (await freePort(host));
  const adminPort = options.adminPort ?? (await freePort(host));
  const secret = options.secret ?? randomBytes(24).toString('base64url');
  const temporary = options.dir === undefined;
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'wava-janus-'));
  writeJanusConfig(dir, { ...options, host, wsPort, adminPort, secret });

  const child = spawn(options.binary ?? 'janus', ['-F', dir, '-o'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    if (lines.length > LOG_LINES) lines.splice(0, lines.length - LOG_LINES);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const failed = new Promise<never>((_, reject) => {
    child.once('error', (error) =>
      reject(new Error(`janus could not start (apt-get install -y janus): ${error.message}`)),
    );
    void exited.then(() => reject(new Error(`janus exited while starting:\n${lines.slice(-30).join('\n')}`)));
  });
  failed.catch(() => undefined);

  const url = `ws://${host}:${wsPort}`;
  const adminUrl = `ws://${host}:${adminPort}`;
  const cleanUp = () => {
    if (temporary) rmSync(dir, { recursive: true, force: true });
  };
  const signal = async (name: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill(name);
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
    cleanUp();
  };
  try {
    await Promise.race([waitForAdminPing(adminUrl, secret, options.startTimeoutMs ?? 15_000), failed]);
  } catch (error) {
    await signal('SIGKILL');
    throw error;
  }
  return {
    url,
    adminUrl,
    secret,
    dir,
    pid: child.pid!,
    log: () => lines.join('\n'),
    stop: () => signal('SIGTERM'),
    kill: () => signal('SIGKILL'),
  };
}

async function waitForAdminPing(adminUrl: string, secret: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const admin = await openJanusSocket(adminUrl, JANUS_ADMIN_PROTOCOL, 1_000);
      try {
        await admin.request({ janus: 'ping', admin_secret: secret }, { timeoutMs: 1_000 });
        return;
      } finally {
        admin.close();
      }
    } catch (error) {
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`janus's admin API did not answer within ${timeoutMs} ms: ${String(lastError)}`);
}

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createApiClient } from '@wava/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPackageDir } from '../src/config/findPackageDir.js';
import { closeAllSockets, connectSocket, nextEvent } from './support/sockets.js';
import { PASSWORD, uniqueUsername } from './support/users.js';

const packageDir = findPackageDir();
const BUNDLE = join(packageDir, 'dist', 'test-build', 'main.js');

interface Running {
  child: ChildProcess;
  url: string;
  exited: Promise<number | null>;
  output: () => string;
}

/** Runs the built bundle (dist/…/main.js) as its own process, from `/`, as a deployment would. */
function runBundle(env: Record<string, string>): Promise<Running> {
  const child = spawn(process.execPath, [BUNDLE], {
    cwd: '/',
    env: { PATH: process.env.PATH ?? '', WAVA_HOST: '127.0.0.1', WAVA_PORT: '0', WAVA_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start:\n${output}`)), 15_000);
    const onData = () => {
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (!match) return;
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      resolve({ child, url: match[1]!, exited, output: () => output });
    };
    child.stdout!.on('data', onData);
    void exited.then((code) => reject(new Error(`the server exited (${code}):\n${output}`)));
  });
}

describe('the built server (node dist/main.js)', () => {
  let dataDir: string;
  beforeAll(() => {
    const build = spawnSync(process.execPath, ['build.mjs', '--outfile=dist/test-build/main.js'], {
      cwd: packageDir,
      encoding: 'utf8',
    });
    expect(build.status, build.stderr).toBe(0);
    dataDir = mkdtempSync(join(tmpdir(), 'wava-bundle-'));
  });
  afterAll(() => {
    closeAllSockets();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts from any directory, stops gracefully on SIGTERM, and keeps accounts across restarts', async () => {
    const first = await runBundle({ WAVA_DATA_DIR: dataDir });
    // The status a person at the terminal needs: where the data is, the STUN port, how to stop.
    expect(first.output()).toContain(`Data directory: ${dataDir}`);
    expect(first.output()).toMatch(/STUN responder: UDP port \d+, advertised as stun:localhost:\d+/);
    expect(first.output()).toContain('Large meetings: peer to peer only, up to 6 people (WAVA_SFU_URLS unset)');
    expect(first.output()).toContain('Stop:           Ctrl+C');
    const api = createApiClient(first.url);
    const username = uniqueUsername('cli');
    const registered = await api.register({ username, displayName: 'Cli', password: PASSWORD });
    if (!registered.ok) throw new Error(registered.error.code);
    const socket = await connectSocket(first.url, registered.data.accessToken);
    const notice = nextEvent(socket, 'server:shutdown');
    first.child.kill('SIGTERM');
    expect(await notice).toEqual({ reconnectAfterMs: expect.any(Number) });
    expect(await first.exited).toBe(0);

    const second = await runBundle({ WAVA_DATA_DIR: dataDir });
    const login = await createApiClient(second.url).login({ username, password: PASSWORD });
    expect(login.ok && login.data.user.id).toBe(registered.data.user.id);
    second.child.kill('SIGINT');
    expect(await second.exited).toBe(0);
  });

  it('refuses bad configuration with exit code 2 and a sentence', () => {
    const result = spawnSync(process.execPath, [BUNDLE], {
      cwd: '/',
      env: { PATH: process.env.PATH ?? '', WAVA_PORT: 'eighty', WAVA_DATA_DIR: dataDir },
      encoding: 'utf8',
    });
    expect(result.status).toBe(2);
    expect(result.stderr.trim()).toBe('The server configuration is invalid: WAVA_PORT must be a whole number.');
  });

  it('keeps the PostgreSQL and Redis drivers out of what it loads at start: they come with their adapters, on demand', () => {
    const loadedAtStart = packagesImportedFrom(BUNDLE);
    expect(loadedAtStart).toContain('libsql');
    expect(loadedAtStart).toContain('socket.io');
    for (const driver of ['pg', 'ioredis', '@socket.io/redis-adapter']) expect(loadedAtStart).not.toContain(driver);
  });

  it('loads the PostgreSQL and Redis adapters from its chunks when configured (nothing listens on port 1)', () => {
    const run = (env: Record<string, string>) =>
      spawnSync(process.execPath, [BUNDLE], {
        cwd: '/',
        encoding: 'utf8',
        timeout: 30_000,
        env: { PATH: process.env.PATH ?? '', WAVA_HOST: '127.0.0.1', WAVA_PORT: '0', WAVA_LOG_LEVEL: 'silent', ...env },
      });
    const postgres = run({ WAVA_DATA_DIR: dataDir, WAVA_DATABASE_URL: 'postgres://wava@127.0.0.1:1/wava' });
    expect(postgres.stdout + postgres.stderr).toMatch(/The PostgreSQL database could not be opened: .*ECONNREFUSED/);
    const redis = run({ WAVA_DATA_DIR: dataDir, WAVA_REDIS_URL: 'redis://127.0.0.1:1' });
    expect(redis.stdout + redis.stderr).toMatch(/Redis \(WAVA_REDIS_URL\) could not be reached/);
  });
});

/** The npm packages a built file imports statically, with those of the files next to it that it imports statically. */
function packagesImportedFrom(file: string, seen = new Set<string>()): Set<string> {
  const packages = new Set<string>();
  if (seen.has(file)) return packages;
  seen.add(file);
  for (const [, specifier] of readFileSync(file, 'utf8').matchAll(/^import\b[^"';]*?["']([^"']+)["'];?$/gm)) {
    if (specifier!.startsWith('.')) {
      for (const name of packagesImportedFrom(join(dirname(file), specifier!), seen)) packages.add(name);
    } else if (!specifier!.startsWith('node:')) {
      packages.add(
        specifier!.startsWith('@') ? specifier!.split('/').slice(0, 2).join('/') : specifier!.split('/')[0]!,
      );
    }
  }
  return packages;
}

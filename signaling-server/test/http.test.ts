import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { API_ROUTES, healthSchema, serverConfigSchema } from '@wava/protocol';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Storage } from '../src/db/Storage.js';
import { getRaw, postRaw } from './support/http.js';
import { closeAllSockets, connectSocket, joined, request } from './support/sockets.js';
import { newMeeting } from './support/meetings.js';
import { startTestServer, type TestServer } from './support/startTestServer.js';
import { registerUser } from './support/users.js';

const BIG_SCRIPT = `export const rows = [${Array.from({ length: 400 }, (_, i) => `"row ${i % 7}"`).join(',')}];`;

/** GET without fetch's automatic decompression, so the bytes on the wire can be checked. */
function rawGet(url: string, acceptEncoding: string | undefined) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>(
    (resolve, reject) => {
      const headers: Record<string, string> = acceptEncoding ? { 'accept-encoding': acceptEncoding } : {};
      get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on('error', reject);
      }).on('error', reject);
    },
  );
}

describe('HTTP hygiene', () => {
  let server: TestServer;
  let webRoot: string;
  beforeAll(async () => {
    webRoot = mkdtempSync(join(tmpdir(), 'wava-web-'));
    mkdirSync(join(webRoot, 'assets'));
    writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>Wava</title><div id="root"></div>');
    writeFileSync(join(webRoot, 'assets', 'index-B3x9Qk2a.js'), 'console.log("wava")');
    writeFileSync(join(webRoot, 'assets', 'big-C7w2Lm9q.js'), BIG_SCRIPT);
    writeFileSync(join(webRoot, 'assets', 'big-C7w2Lm9q.js.br'), brotliCompressSync(BIG_SCRIPT));
    writeFileSync(join(webRoot, 'assets', 'big-C7w2Lm9q.js.gz'), gzipSync(BIG_SCRIPT));
    writeFileSync(join(webRoot, 'assets', 'big-C7w2Lm9q.js.map'), '{"version":3,"sources":["secret.ts"]}');
    server = await startTestServer({
      env: { WAVA_WEB_ROOT: webRoot, WAVA_CORS_ORIGINS: 'https://intranet.example.com' },
    });
  });
  afterAll(async () => {
    await server.dispose();
    rmSync(webRoot, { recursive: true, force: true });
  });

  it('serves the web client with a strict CSP and security headers', async () => {
    const response = await getRaw(`${server.url}/`);
    expect(response.status).toBe(200);
    expect(response.text).toContain('<div id="root">');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    const csp = response.headers.get('content-security-policy') ?? '';
    const host = new URL(server.url).host;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(csp).toMatch(/img-src 'self' data:/);
    expect(csp).toMatch(/media-src 'self' blob:/);
    expect(csp).toContain(`connect-src 'self' ws://${host} wss://${host}`);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-eval');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-powered-by')).toBeNull();
    expect(response.headers.get('permissions-policy')).toContain('camera=(self)');
  });

  it('answers invite links and other pages with index.html, and caches hashed assets for a year', async () => {
    const invite = await getRaw(`${server.url}/j/abc-defg-hjk`);
    expect(invite.status).toBe(200);
    expect(invite.text).toContain('<div id="root">');
    const asset = await getRaw(`${server.url}/assets/index-B3x9Qk2a.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await getRaw(`${server.url}/assets/missing-file.js`)).status).toBe(404);
  });

  it('sends the brotli or gzip copy the browser accepts, typed as the script, and the plain file otherwise', async () => {
    const url = `${server.url}/assets/big-C7w2Lm9q.js`;
    const brotli = await rawGet(url, 'gzip, deflate, br');
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(brotli.headers['content-type']).toMatch(/^(text|application)\/javascript/);
    expect(brotli.headers.vary).toContain('Accept-Encoding');
    expect(brotli.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(brotli.body.length).toBeLessThan(BIG_SCRIPT.length / 4);
    expect(brotliDecompressSync(brotli.body).toString()).toBe(BIG_SCRIPT);

    const gzip = await rawGet(url, 'gzip');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.body).toString()).toBe(BIG_SCRIPT);

    const plain = await rawGet(url, undefined);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toContain('Accept-Encoding');
    expect(plain.body.toString()).toBe(BIG_SCRIPT);

    // A file the build did not compress is sent as it is, whatever the browser accepts.
    const small = await rawGet(`${server.url}/assets/index-B3x9Qk2a.js`, 'br');
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(small.body.toString()).toBe('console.log("wava")');
  });

  it('sends pages (index.html with its prerendered sign-in screen) compressed too, revalidated on every load', async () => {
    const page = `<!doctype html><title>Wava</title><div id="signin-shell" hidden>${BIG_SCRIPT}</div><div id="root"></div>`;
    const root = mkdtempSync(join(tmpdir(), 'wava-web-'));
    writeFileSync(join(root, 'index.html'), page);
    writeFileSync(join(root, 'index.html.br'), brotliCompressSync(page));
    writeFileSync(join(root, 'index.html.gz'), gzipSync(page));
    const compressed = await startTestServer({ env: { WAVA_WEB_ROOT: root } });
    try {
      for (const path of ['/', '/j/abc-defg-hjk', '/index.html']) {
        const brotli = await rawGet(`${compressed.url}${path}`, 'gzip, br');
        expect(brotli.headers['content-encoding'], path).toBe('br');
        expect(brotli.headers['content-type'], path).toMatch(/^text\/html/);
        expect(brotli.headers['cache-control'], path).toBe('no-cache');
        expect(brotli.headers['content-security-policy'], path).toContain("script-src 'self'");
        expect(brotli.body.length, path).toBeLessThan(page.length / 4);
        expect(brotliDecompressSync(brotli.body).toString(), path).toBe(page);
      }
      const plain = await rawGet(`${compressed.url}/`, undefined);
      expect(plain.headers['content-encoding']).toBeUndefined();
      // A shared cache must not hand this identity copy to a browser that asked for br, nor the reverse.
      expect(plain.headers.vary).toBe('Accept-Encoding');
      expect(plain.body.toString()).toBe(page);
    } finally {
      await compressed.dispose();
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('does not serve source maps unless configured to', async () => {
    expect((await rawGet(`${server.url}/assets/big-C7w2Lm9q.js.map`, 'br')).status).toBe(404);
    const withMaps = await startTestServer({ env: { WAVA_WEB_ROOT: webRoot, WAVA_SERVE_SOURCE_MAPS: 'true' } });
    try {
      const map = await rawGet(`${withMaps.url}/assets/big-C7w2Lm9q.js.map`, undefined);
      expect(map.status).toBe(200);
      expect(map.body.toString()).toContain('secret.ts');
    } finally {
      await withMaps.dispose();
    }
  });

  it('answers unknown API routes with 404 NOT_FOUND as JSON, never with the web client', async () => {
    for (const path of ['/api/nope', '/api/auth/whoami', '/metrics/x', '/peerjs/x']) {
      const response = await getRaw(`${server.url}${path}`);
      expect(response.status, path).toBe(404);
      expect(response.headers.get('content-type'), path).toMatch(/application\/json/);
    }
    const post = await postRaw(`${server.url}/api/nope`, '{}');
    expect(post.status).toBe(404);
    expect(post.json).toEqual({ error: { code: 'NOT_FOUND', message: expect.any(String) } });
  });

  it('allows CORS for allowlisted origins only; requests without an Origin work as they are', async () => {
    const preflight = await fetch(`${server.url}${API_ROUTES.login}`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://intranet.example.com',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://intranet.example.com');
    expect(preflight.headers.get('access-control-allow-headers')).toContain('authorization');
    const allowed = await getRaw(`${server.url}${API_ROUTES.config}`, { origin: 'https://intranet.example.com' });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://intranet.example.com');
    const foreign = await getRaw(`${server.url}${API_ROUTES.config}`, { origin: 'https://evil.example' });
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    const noOrigin = await getRaw(`${server.url}${API_ROUTES.config}`);
    expect(noOrigin.status).toBe(200);
  });

  it('answers /healthz and /api/config in the protocol shapes', async () => {
    const health = await server.api.health();
    expect(health.ok && healthSchema.parse(health.data).status).toBe('ok');
    const config = await server.api.config();
    if (!config.ok) throw new Error(config.error.code);
    expect(serverConfigSchema.parse(config.data)).toMatchObject({
      name: 'Wava',
      maxParticipants: 6,
      peer: { path: '/peerjs' },
    });
  });
});

describe('the web client is not built', () => {
  it('answers pages with a sentence telling how to build it, and the API still works', async () => {
    const server = await startTestServer();
    try {
      const page = await getRaw(`${server.url}/`);
      expect(page.status).toBe(503);
      expect(page.headers.get('content-type')).toMatch(/text\/html/);
      expect(page.text).toContain('has not been built yet');
      expect(page.text).toContain('npm run build');
      expect((await server.api.health()).ok).toBe(true);
    } finally {
      await server.dispose();
    }
  });
});

describe('unexpected failures', () => {
  afterEach(() => closeAllSockets());

  it('answer 500 INTERNAL (HTTP) or an INTERNAL ack (socket) without detail, and the server keeps serving', async () => {
    let failing = false;
    const fault = () => {
      if (failing) throw new Error('SECRET_DETAIL: disk on fire');
    };
    const server = await startTestServer({
      wrapStorage: (storage: Storage): Storage => ({
        ...storage,
        users: { ...storage.users, findByUsername: async (u) => (fault(), storage.users.findByUsername(u)) },
        meetings: { ...storage.meetings, findByCode: async (c) => (fault(), storage.meetings.findByCode(c)) },
      }),
    });
    try {
      const user = await registerUser(server.api, 'Unlucky');
      const meetingCode = await newMeeting(server.api, user);
      const socket = await connectSocket(server.url, user.session.accessToken);
      failing = true;
      const login = await postRaw(
        `${server.url}${API_ROUTES.login}`,
        JSON.stringify({ username: user.username, password: user.password }),
      );
      expect(login.status).toBe(500);
      expect(login.json).toEqual({ error: { code: 'INTERNAL', message: expect.any(String) } });
      expect(JSON.stringify(login.json)).not.toContain('SECRET_DETAIL');
      const join = await request(socket, 'meeting:join', {
        code: meetingCode,
        media: { audio: true, video: true },
      });
      expect(join).toEqual({ ok: false, error: { code: 'INTERNAL', message: expect.any(String) } });
      failing = false;
      expect((await server.api.login({ username: user.username, password: user.password })).ok).toBe(true);
      expect((await joined(socket, meetingCode)).meeting.code).toBe(meetingCode);
    } finally {
      await server.dispose();
    }
  });
});

describe('default CORS allowlist', () => {
  it("allows the desktop app's renderer origin (app://wava) and nothing else", async () => {
    const server = await startTestServer();
    try {
      const desktop = await getRaw(`${server.url}${API_ROUTES.config}`, { origin: 'app://wava' });
      expect(desktop.headers.get('access-control-allow-origin')).toBe('app://wava');
      const other = await getRaw(`${server.url}${API_ROUTES.config}`, { origin: 'app://other' });
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await server.dispose();
    }
  });
});

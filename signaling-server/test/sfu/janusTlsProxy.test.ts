import { connect as netConnect } from 'node:net';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  JANUS_ADMIN_PROTOCOL,
  JANUS_PROTOCOL,
  openJanusSocket,
  type JanusSocket,
} from '../../src/sfu/openJanusSocket.js';
import { startJanus, type JanusProcess } from '../../src/sfu/startJanus.js';
import {
  janusTlsProxyRefusal,
  shippedJanusProxyLimits,
  startJanusTlsProxy,
  type JanusTlsProxy,
} from '../support/janusTlsProxy.js';

const VIDEOROOM = 'janus.plugin.videoroom';
/** A person's app, and one address each attack comes from (all of 127.0.0.0/8 is loopback). */
const PERSON = '127.0.0.1';
const CONCURRENT_FLOOD = '127.0.0.2';
const RATE_FLOOD = '127.0.0.3';
const REQUEST_FLOOD = '127.0.0.4';
const ADMIN_PROBE = '127.0.0.5';

const refusal = janusTlsProxyRefusal();
if (refusal) console.warn(`Skipping the Janus TLS proxy tests: ${refusal}`);

/**
 * docs/deploy/haproxy-janus.cfg, the TLS proxy for Janus at its own public address (WAVA_SFU_PUBLIC_URLS), run
 * unchanged by a real haproxy in front of a real Janus, with its default limits per client address.
 */
describe('TLS proxy for Janus at a public address (real haproxy, real Janus)', () => {
  const limits = shippedJanusProxyLimits();
  let janus: JanusProcess;
  let proxy: JanusTlsProxy;
  let admin: JanusSocket;
  const closers: (() => void)[] = [];

  beforeAll(async () => {
    if (refusal) return;
    janus = await startJanus();
    proxy = await startJanusTlsProxy(new URL(janus.url).host);
    admin = await openJanusSocket(janus.adminUrl, JANUS_ADMIN_PROTOCOL);
  });
  afterAll(async () => {
    for (const close of closers.splice(0)) close();
    admin?.close();
    await proxy?.stop();
    await janus?.stop();
  });
  beforeEach((context) => {
    if (refusal) context.skip(refusal);
  });

  /**
   * A person's app: a websocket with `janus-protocol` through the proxy, a session and a VideoRoom handle. Its
   * `keepalive` is the app's own (every 25 s), answered while Janus serves the session.
   */
  async function personConnects(): Promise<{ keepalive(): Promise<unknown> }> {
    const token = `person-${Math.random().toString(36).slice(2)}`;
    await admin.request({ janus: 'add_token', token, plugins: [VIDEOROOM], admin_secret: janus.secret });
    const socket = await openJanusSocket(proxy.url, JANUS_PROTOCOL, 10_000, { ca: proxy.ca, localAddress: PERSON });
    closers.push(() => socket.close());
    const session = await socket.request({ janus: 'create', token });
    expect(session.data?.id).toEqual(expect.any(Number));
    const handle = await socket.request({ janus: 'attach', session_id: session.data?.id, plugin: VIDEOROOM, token });
    expect(handle.janus).toBe('success');
    return { keepalive: () => socket.request({ janus: 'keepalive', session_id: session.data?.id, token }) };
  }

  /** `count` TLS connections from `localAddress` at once: the ones the proxy took (still open), and how many it refused. */
  async function tlsConnections(
    localAddress: string,
    count: number,
    target: JanusTlsProxy = proxy,
  ): Promise<{ open: TLSSocket[]; refused: number }> {
    const attempts = await Promise.all(
      Array.from(
        { length: count },
        () =>
          new Promise<TLSSocket | null>((resolve) => {
            const tcp = netConnect({ host: '127.0.0.1', port: target.port, localAddress });
            tcp.once('error', () => resolve(null));
            const socket = tlsConnect({ socket: tcp, host: '127.0.0.1', ca: target.ca });
            socket.once('secureConnect', () => resolve(socket));
            socket.once('error', () => resolve(null));
            socket.once('close', () => resolve(null));
          }),
      ),
    );
    const open = attempts.filter((socket) => socket !== null);
    closers.push(...open.map((socket) => () => socket.destroy()));
    return { open, refused: count - open.length };
  }

  it('lets a person’s app through: TLS, websocket with janus-protocol, a session and a handle', async () => {
    const person = await personConnects();
    await expect(person.keepalive()).resolves.toMatchObject({ janus: 'ack' });
  });

  it('refuses connections from one address beyond WAVA_JANUS_MAX_CONN open at once; everyone else carries on', async () => {
    const before = await personConnects();
    const flood = await tlsConnections(CONCURRENT_FLOOD, limits.maxConn + 10);
    expect(flood.open).toHaveLength(limits.maxConn);
    expect(flood.refused).toBe(10);
    // The person connected before the flood keeps their session, and a new app from another address gets in.
    await expect(before.keepalive()).resolves.toMatchObject({ janus: 'ack' });
    await personConnects();
    // It is a limit on what is open, not a ban: once the flood's connections close, that address gets in again.
    // (Tried every 100 ms while haproxy sees them close; 20 tries keep that address under WAVA_JANUS_CONN_RATE.)
    for (const socket of flood.open) socket.destroy();
    let again = await tlsConnections(CONCURRENT_FLOOD, 1);
    for (let attempt = 1; attempt < 20 && again.open.length === 0; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      again = await tlsConnections(CONCURRENT_FLOOD, 1);
    }
    expect(again.open).toHaveLength(1);
  });

  it('refuses new connections from one address beyond WAVA_JANUS_CONN_RATE in 10 s; everyone else carries on', async () => {
    let accepted = 0;
    let refused = 0;
    // Connect and hang up, 25 at a time (never near the limit of open ones), until the proxy refuses.
    while (refused === 0 && accepted < limits.connRate * 2) {
      const batch = await tlsConnections(RATE_FLOOD, 25);
      accepted += batch.open.length;
      refused += batch.refused;
      for (const socket of batch.open) socket.destroy();
    }
    expect(refused).toBeGreaterThan(0);
    // Nobody is cut off before the limit (haproxy's estimate of the last 10 s never exceeds what came in them).
    expect(accepted).toBeGreaterThanOrEqual(limits.connRate);
    await personConnects();
  });

  it('answers 429 beyond WAVA_JANUS_UPGRADE_RATE requests in 10 s from one address, even on one connection', async () => {
    // Requests the proxy refuses with 403 keep their connection open, so they could be repeated without end on one.
    const [socket] = (await tlsConnections(REQUEST_FLOOD, 1)).open;
    const count = limits.upgradeRate + 50;
    const request =
      'GET / HTTP/1.1\r\nHost: sfu.example.com\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n' +
      'Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n' +
      `Sec-WebSocket-Protocol: ${JANUS_ADMIN_PROTOCOL}\r\n\r\n`;
    const statuses = await new Promise<number[]>((resolve) => {
      let received = '';
      const parse = () => [...received.matchAll(/^HTTP\/1\.1 (\d{3}) /gm)].map((match) => Number(match[1]));
      socket!.on('data', (chunk: Buffer) => {
        received += chunk.toString('latin1');
        if (parse().length >= count) resolve(parse());
      });
      socket!.once('close', () => resolve(parse()));
      socket!.write(request.repeat(count));
    });
    const first429 = statuses.indexOf(429);
    expect(first429).toBeGreaterThanOrEqual(limits.upgradeRate);
    expect(statuses.slice(0, first429).every((status) => status === 403)).toBe(true);
    await personConnects();
  });

  it('takes its limits from haproxy’s environment, where an administrator raises or lowers them', async () => {
    const own = await startJanusTlsProxy(new URL(janus.url).host, { WAVA_JANUS_MAX_CONN: '3' });
    try {
      const flood = await tlsConnections(CONCURRENT_FLOOD, 5, own);
      expect(flood.open).toHaveLength(3);
    } finally {
      await own.stop();
    }
  });

  it('never reaches the admin API: its subprotocol is refused on any path, and admin requests fail', async () => {
    const connectOptions = { ca: proxy.ca, localAddress: ADMIN_PROBE };
    for (const path of ['/', '/admin']) {
      await expect(
        openJanusSocket(`${proxy.url}${path}`, JANUS_ADMIN_PROTOCOL, 10_000, connectOptions),
      ).rejects.toThrow(/403/);
    }
    // Only the Janus API is behind the proxy: admin requests with the right secret are refused there.
    const socket = await openJanusSocket(proxy.url, JANUS_PROTOCOL, 10_000, connectOptions);
    closers.push(() => socket.close());
    for (const janusRequest of ['list_sessions', 'list_tokens']) {
      await expect(socket.request({ janus: janusRequest, admin_secret: janus.secret })).rejects.toThrow(/Janus error/);
    }
    await expect(socket.request({ janus: 'add_token', token: 'mine', admin_secret: janus.secret })).rejects.toThrow(
      /Janus error/,
    );
    await expect(socket.request({ janus: 'create', token: 'mine' })).rejects.toThrow(/Unauthorized/);
  });
});

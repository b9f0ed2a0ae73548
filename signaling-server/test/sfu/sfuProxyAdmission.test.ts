import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { JANUS_WS_PROTOCOL, SFU_PATH } from '@wava/protocol';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { createSfuProxy, type SfuAdmission, type SfuProxy } from '../../src/sfu/createSfuProxy.js';

/**
 * Review: a token's admission is read from the store (Redis, with several servers) before its `/sfu` websocket
 * opens. A token revoked or dropped meanwhile (closeToken: a host removed its holder, its room ended) must not get
 * a websocket to Janus after all: closeToken found nothing to close then, and nothing would ever close it.
 */
describe('an /sfu upgrade whose token is closed while its admission is read', () => {
  const opened: { close(): void }[] = [];
  afterEach(() => {
    for (const thing of opened.splice(0)) thing.close();
  });

  /** The proxy on a real HTTP server, a websocket server standing for Janus, and admissions the test answers. */
  async function proxyWithHeldAdmissions() {
    const janus = new WebSocketServer({ port: 0, handleProtocols: () => JANUS_WS_PROTOCOL });
    opened.push(janus);
    await new Promise((resolve) => janus.once('listening', resolve));
    const admissions: ((admission: SfuAdmission) => void)[] = [];
    const proxy: SfuProxy = createSfuProxy({
      admit: () => new Promise((resolve) => admissions.push(resolve)),
      logger: pino({ level: 'silent' }),
    });
    opened.push(proxy);
    const http: Server = createServer();
    http.on('upgrade', (req, socket, head) => {
      if (!proxy.handleUpgrade(req, socket, head)) socket.destroy();
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    opened.push({ close: () => void http.close() });
    const admitted: SfuAdmission = {
      ok: true,
      upstreamUrl: `ws://127.0.0.1:${(janus.address() as AddressInfo).port}`,
      publisherId: 'publisher-1',
      room: 'room-1',
    };
    const connect = (token: string) => {
      const client = new WebSocket(
        `ws://127.0.0.1:${(http.address() as AddressInfo).port}${SFU_PATH}?token=${token}`,
        JANUS_WS_PROTOCOL,
      );
      opened.push({ close: () => client.terminate() });
      const outcome = new Promise<string>((resolve) => {
        client.once('open', () => resolve('open'));
        client.once('unexpected-response', (_req, res) => resolve(`refused ${res.statusCode}`));
        client.once('error', () => resolve('error'));
      });
      return { outcome };
    };
    const nextAdmission = async (count: number) => {
      await expect.poll(() => admissions.length, { timeout: 10_000 }).toBe(count);
      return admissions[count - 1]!;
    };
    return { proxy, connect, admitted, nextAdmission };
  }

  it('is refused (403) when the token was revoked meanwhile, and opens when nothing happened to it', async () => {
    const { proxy, connect, admitted, nextAdmission } = await proxyWithHeldAdmissions();
    const revoked = connect('token-revoked');
    const answerRevoked = await nextAdmission(1);
    proxy.closeToken('token-revoked', 'SFU_TOKEN_INVALID');
    answerRevoked(admitted); // read before the revocation
    expect(await revoked.outcome).toBe('refused 403');

    const untouched = connect('token-untouched');
    (await nextAdmission(2))(admitted);
    expect(await untouched.outcome).toBe('open');
  });

  it('a later upgrade of the same token is not refused for an earlier close (the SFU was down, now up)', async () => {
    const { proxy, connect, admitted, nextAdmission } = await proxyWithHeldAdmissions();
    const during = connect('token-a');
    const answerDuring = await nextAdmission(1);
    proxy.closeToken('token-a', 'SFU_UNAVAILABLE');
    const after = connect('token-a');
    const answerAfter = await nextAdmission(2);
    answerDuring(admitted);
    answerAfter(admitted);
    expect(await during.outcome).toBe('refused 503');
    expect(await after.outcome).toBe('open');
  });
});

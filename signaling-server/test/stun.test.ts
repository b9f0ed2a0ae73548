import { createSocket, type Socket } from 'node:dgram';
import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStunResponder } from '../src/stun/createStunResponder.js';
import { startTestServer, type TestServer } from './support/startTestServer.js';
import { createTestClock } from './support/testClock.js';
import { registerUser } from './support/users.js';

function bindingRequest(transactionId = randomBytes(12)): Buffer {
  const packet = Buffer.alloc(20);
  packet.writeUInt16BE(0x0001, 0);
  packet.writeUInt32BE(0x2112a442, 4);
  transactionId.copy(packet, 8);
  return packet;
}

async function openClient(): Promise<Socket> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return socket;
}

/**
 * Sends datagrams and collects what comes back: waits for `expected` answers (however slow a loaded machine is), then
 * `settleMs` more for any extra one.
 */
async function exchange(
  socket: Socket,
  port: number,
  packets: Buffer[],
  expected: number,
  settleMs = 300,
): Promise<Buffer[]> {
  const answers: Buffer[] = [];
  let arrived = () => undefined as void;
  const onMessage = (message: Buffer) => {
    answers.push(message);
    if (answers.length >= expected) arrived();
  };
  socket.on('message', onMessage);
  for (const packet of packets) socket.send(packet, port, '127.0.0.1');
  if (answers.length < expected) {
    await new Promise<void>((resolve) => {
      arrived = resolve;
      setTimeout(resolve, 15_000);
    });
  }
  await new Promise((resolve) => setTimeout(resolve, settleMs));
  socket.off('message', onMessage);
  return answers;
}

/** Decodes XOR-MAPPED-ADDRESS (IPv4) from a Binding success response, independently of the encoder. */
function mappedAddress(response: Buffer): { address: string; port: number } {
  expect(response.readUInt16BE(0)).toBe(0x0101);
  expect(response.readUInt16BE(20)).toBe(0x0020);
  expect(response[25]).toBe(1);
  const port = response.readUInt16BE(26) ^ 0x2112;
  const cookie = [0x21, 0x12, 0xa4, 0x42];
  const address = [0, 1, 2, 3].map((i) => response[28 + i]! ^ cookie[i]!).join('.');
  return { address, port };
}

describe('the built-in STUN responder in a running server', () => {
  let server: TestServer;
  let stunPort: number;
  beforeAll(async () => {
    server = await startTestServer();
    const user = await registerUser(server.api, 'Viewer');
    const ice = await server.api.ice(user.session.accessToken);
    if (!ice.ok) throw new Error(ice.error.code);
    const url = ice.data.iceServers[0]?.urls[0] ?? '';
    expect(url).toMatch(/^stun:meet\.wava\.test:\d+$/);
    stunPort = Number(url.split(':')[2]);
  });
  afterAll(async () => {
    await server.dispose();
  });

  it('is advertised with the public URL host and answers with the address and port the request came from', async () => {
    const client = await openClient();
    try {
      const id = randomBytes(12);
      const [answer, ...more] = await exchange(client, stunPort, [bindingRequest(id)], 1);
      expect(more).toEqual([]);
      expect(answer!.subarray(8, 20)).toEqual(id);
      expect(mappedAddress(answer!)).toEqual({ address: '127.0.0.1', port: client.address().port });
      expect(answer!.length).toBe(32);
    } finally {
      client.close();
    }
  });

  it('ignores malformed and non-request datagrams, and keeps answering afterwards', async () => {
    const hostile = [
      Buffer.alloc(0),
      Buffer.from('GET / HTTP/1.1\r\n\r\n'),
      randomBytes(20),
      randomBytes(1400),
      // Each of the first eight header bytes (type, length, magic cookie) corrupted in turn.
      ...Array.from({ length: 8 }, (_, index) => {
        const packet = bindingRequest();
        packet[index]! ^= 0xff;
        return packet;
      }),
      Buffer.concat([bindingRequest(), Buffer.from([0x80, 0x22, 0x00, 0x08])]), // attribute longer than the datagram
    ];
    // A valid request sent after them: the one answer that comes back is its own, so none of the others was answered
    // (the responder handles datagrams in order) and it still answers afterwards.
    const client = await openClient();
    try {
      const probe = randomBytes(12);
      const answers = await exchange(client, stunPort, [...hostile, bindingRequest(probe)], 1);
      expect(answers.map((answer) => answer.subarray(8, 20).toString('hex'))).toEqual([probe.toString('hex')]);
    } finally {
      client.close();
    }
    expect((await fetch(`${server.url}/healthz`)).ok).toBe(true);
  });
});

describe('STUN rate limits', () => {
  it('stops answering an address that floods it, and answers it again later', async () => {
    const clock = createTestClock(0);
    const responder = createStunResponder({
      host: '127.0.0.1',
      port: 0,
      logger: pino({ level: 'silent' }),
      now: clock.now,
      limits: { perAddressBurst: 5, perAddressPerSecond: 5, totalBurst: 100, totalPerSecond: 100, maxAddresses: 10 },
    });
    const port = await responder.start();
    const client = await openClient();
    try {
      const flood = Array.from({ length: 50 }, () => bindingRequest());
      expect(await exchange(client, port, flood, 5)).toHaveLength(5);
      clock.advance(1000);
      expect(await exchange(client, port, [bindingRequest(), bindingRequest()], 2)).toHaveLength(2);
    } finally {
      client.close();
      await responder.close();
    }
  });
});

describe('STUN configuration', () => {
  it('WAVA_STUN=off advertises nothing; WAVA_STUN_ADVERTISED_URL replaces the derived URL', async () => {
    const off = await startTestServer({ env: { WAVA_STUN: 'off' } });
    const advertised = await startTestServer({ env: { WAVA_STUN_ADVERTISED_URL: 'stun:stun.example.org:3478' } });
    try {
      const a = await registerUser(off.api, 'Off');
      expect(await off.api.ice(a.session.accessToken)).toMatchObject({ ok: true, data: { iceServers: [] } });
      const b = await registerUser(advertised.api, 'Advertised');
      expect(await advertised.api.ice(b.session.accessToken)).toMatchObject({
        ok: true,
        data: { iceServers: [{ urls: ['stun:stun.example.org:3478'] }] },
      });
    } finally {
      await Promise.all([off.dispose(), advertised.dispose()]);
    }
  });

  it('refuses to start with a clear sentence when its UDP port is taken', async () => {
    const squatter = await openClient();
    try {
      await expect(
        startTestServer({ env: { WAVA_STUN_PORT: String(squatter.address().port), WAVA_HOST: '127.0.0.1' } }),
      ).rejects.toThrow(/STUN responder cannot use UDP port \d+ .*WAVA_STUN_PORT/);
    } finally {
      squatter.close();
    }
  });
});

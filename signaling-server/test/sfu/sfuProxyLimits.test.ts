import type { SfuMode } from '@wava/protocol';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { JANUS_PROTOCOL, openJanusSocket, type JanusSocket } from '../../src/sfu/openJanusSocket.js';
import { newMeeting } from '../support/meetings.js';
import { connectSocket, joinReady } from '../support/sockets.js';
import type { TestServer } from '../support/startTestServer.js';
import type { TestUser } from '../support/users.js';
import { isSfu, logModes, proxyUrl } from './sfuSupport.js';
import { useSfuServer } from './useSfuServer.js';

/**
 * Review: one SFU token and its websocket through `/sfu` must not be able to make Janus hold without bound
 * (sessions, handles) or to keep it busy with a message flood: a client needs one session, a few handles and
 * a few messages a second.
 */
describe('the /sfu proxy keeps one client within what a client needs (real Janus)', () => {
  let server: TestServer;
  let users: TestUser[];
  let mode: SfuMode;

  useSfuServer({ instances: 1, people: 3, keepSockets: true }, (started, _janus, registered) => {
    server = started;
    users = registered;
  });
  // The three people stay in the meeting on the SFU for every test of the block.
  beforeAll(async () => {
    const code = await newMeeting(server.api, users[0]!);
    const modes = [];
    for (const user of users) {
      const socket = await connectSocket(server.url, user.session.accessToken);
      const log = logModes(socket);
      await joinReady(socket, code);
      modes.push(log);
    }
    mode = (await modes[0]!.next(isSfu)) as SfuMode;
  });
  const open: JanusSocket[] = [];
  afterEach(() => {
    for (const socket of open.splice(0)) socket.close();
  });

  async function proxied(): Promise<{ socket: JanusSocket; closed: Promise<void> }> {
    const socket = await openJanusSocket(proxyUrl(server.url, mode), JANUS_PROTOCOL);
    open.push(socket);
    return { socket, closed: new Promise((resolve) => socket.onClose(resolve)) };
  }

  it('works as a client uses it: a session and two handles', async () => {
    const { socket } = await proxied();
    const session = await socket.request({ janus: 'create', token: mode.token });
    for (const _ of [1, 2]) {
      const handle = await socket.request({
        janus: 'attach',
        session_id: session.data?.id,
        plugin: 'janus.plugin.videoroom',
        token: mode.token,
      });
      expect(handle.data?.id).toBeTypeOf('number');
    }
  });

  it('ends a connection that keeps making Janus sessions', async () => {
    const { socket, closed } = await proxied();
    let made = 0;
    await expect(
      (async () => {
        for (;;) {
          await socket.request({ janus: 'create', token: mode.token });
          made += 1;
          if (made > 100) return;
        }
      })(),
    ).rejects.toThrow(/closed/);
    await closed;
    expect(made).toBeLessThan(10);
  });

  it('ends a connection that keeps making handles in its session', async () => {
    const { socket, closed } = await proxied();
    const session = await socket.request({ janus: 'create', token: mode.token });
    let made = 0;
    await expect(
      (async () => {
        for (;;) {
          const plugin = 'janus.plugin.videoroom';
          await socket.request({ janus: 'attach', session_id: session.data?.id, plugin, token: mode.token });
          made += 1;
          if (made > 200) return;
        }
      })(),
    ).rejects.toThrow(/closed/);
    await closed;
    expect(made).toBeLessThan(50);
  });

  it('ends a connection that floods Janus with requests', async () => {
    const { socket, closed } = await proxied();
    const pings = Array.from({ length: 2000 }, () => socket.request({ janus: 'ping', token: mode.token }));
    await closed;
    const settled = await Promise.allSettled(pings);
    expect(settled.filter((result) => result.status === 'rejected').length).toBeGreaterThan(0);
  });
});

import { afterAll, afterEach, beforeAll } from 'vitest';
import { JANUS_ADMIN_PROTOCOL, openJanusSocket, type JanusSocket } from '../../src/sfu/openJanusSocket.js';
import { startJanus, type JanusProcess } from '../../src/sfu/startJanus.js';
import { closeAllPeerSockets } from '../support/peerSocket.js';
import { closeAllSockets } from '../support/sockets.js';
import { startTestServer, type TestServer } from '../support/startTestServer.js';
import { registerUser, type TestUser } from '../support/users.js';
import { SFU_SECRET } from './sfuSupport.js';

/**
 * An SFU test file's usual set-up, as the describe block's hooks: before all its tests, `instances` real Janus
 * started with SFU_SECRET, a server using them with a threshold of 2 (plus `env`, or what `env` gives for the
 * started instances: a relay in front of them, their own address for direct mode), and `people` users registered
 * as "Person 1", "Person 2"... (with `admin`, a socket to the first instance's admin API too); after each test (or, with `keepSockets`, after all of them: for people who stay
 * in a meeting the block's tests share), every socket.io connection and PeerJS websocket closed; after all, the
 * server and the Janus instances stopped. `started` hands them to the block's variables.
 */
export function useSfuServer(
  setup: {
    instances: number;
    people: number;
    env?:
      | Record<string, string>
      | ((janus: JanusProcess[]) => Record<string, string> | Promise<Record<string, string>>);
    keepSockets?: boolean;
    admin?: boolean;
  },
  started: (server: TestServer, janus: JanusProcess[], users: TestUser[], admin: JanusSocket | undefined) => void,
): void {
  let janus: JanusProcess[] = [];
  let server: TestServer | undefined;
  let admin: JanusSocket | undefined;
  beforeAll(async () => {
    janus = await Promise.all(Array.from({ length: setup.instances }, () => startJanus({ secret: SFU_SECRET })));
    const env = typeof setup.env === 'function' ? await setup.env(janus) : setup.env;
    server = await startTestServer({
      env: {
        WAVA_SFU_URLS: janus.map(({ url }) => url).join(','),
        WAVA_SFU_ADMIN_URLS: janus.map(({ adminUrl }) => adminUrl).join(','),
        WAVA_SFU_SECRET: SFU_SECRET,
        WAVA_SFU_THRESHOLD: '2',
        ...env,
      },
    });
    const api = server.api;
    const users = await Promise.all(
      Array.from({ length: setup.people }, (_, i) => registerUser(api, `Person ${i + 1}`)),
    );
    if (setup.admin) admin = await openJanusSocket(janus[0]!.adminUrl, JANUS_ADMIN_PROTOCOL);
    started(server, janus, users, admin);
  });
  const closeSockets = () => {
    closeAllPeerSockets();
    closeAllSockets();
  };
  afterAll(async () => {
    admin?.close();
    closeSockets();
    await server?.dispose();
    await Promise.all(janus.map((instance) => instance.stop()));
  });
  afterEach(() => {
    if (!setup.keepSockets) closeSockets();
  });
}

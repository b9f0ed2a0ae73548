import { afterAll, afterEach, beforeAll } from 'vitest';
import { closeAllPeerSockets } from './peerSocket.js';
import { closeAllSockets } from './sockets.js';
import { startTestServer, type TestServer, type TestServerOptions } from './startTestServer.js';
import { registerUser, type TestUser } from './users.js';

/**
 * A server test file's usual set-up, as the file's hooks: before all its tests, a server started with `options`
 * and one user registered per name; after each test, every socket.io connection and PeerJS websocket closed;
 * after all, the server stopped and its data deleted. `started` hands the server and the users (in the order of
 * `names`) to the file's variables.
 */
export function useServerWithUsers<const Names extends readonly string[]>(
  options: TestServerOptions,
  names: Names,
  started: (server: TestServer, users: { [K in keyof Names]: TestUser }) => void,
): void {
  let server: TestServer | undefined;
  beforeAll(async () => {
    server = await startTestServer(options);
    const api = server.api;
    const users = await Promise.all(names.map((name) => registerUser(api, name)));
    started(server, users as { [K in keyof Names]: TestUser });
  });
  afterAll(() => server?.dispose());
  afterEach(() => {
    closeAllPeerSockets();
    closeAllSockets();
  });
}

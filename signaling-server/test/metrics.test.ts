import { networkInterfaces } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { errorCodeOf, getRaw } from './support/http.js';
import { closeAllSockets, connectSocket, joined, request } from './support/sockets.js';
import { newMeeting } from './support/meetings.js';
import { startTestServer } from './support/startTestServer.js';
import { registerUser } from './support/users.js';

describe('/metrics', () => {
  afterEach(() => closeAllSockets());

  it('exposes sockets, meetings, participants, joins, auth failures and event latency', async () => {
    const server = await startTestServer();
    try {
      const user = await registerUser(server.api, 'Counted');
      await server.api.login({ username: user.username, password: 'wrong password!' });
      const meetingCode = await newMeeting(server.api, user);
      const socket = await connectSocket(server.url, user.session.accessToken);
      await joined(socket, meetingCode);
      await request(socket, 'peer:ready', {});
      const metrics = (await getRaw(`${server.url}/metrics`)).text;
      expect(metrics).toMatch(/^wava_connected_sockets 1$/m);
      expect(metrics).toMatch(/^wava_live_meetings 1$/m);
      expect(metrics).toMatch(/^wava_participants 1$/m);
      expect(metrics).toMatch(/^wava_joins_total 1$/m);
      expect(metrics).toMatch(/^wava_auth_failures_total\{code="INVALID_CREDENTIALS"\} 1$/m);
      expect(metrics).toMatch(/^wava_socket_event_duration_seconds_count\{event="meeting:join",outcome="ok"\} 1$/m);
      expect(metrics).toMatch(/^wava_socket_event_duration_seconds_count\{event="peer:ready",outcome="ok"\} 1$/m);
    } finally {
      await server.dispose();
    }
  });

  it("exposes Node's process metrics too", async () => {
    const server = await startTestServer();
    try {
      const metrics = (await getRaw(`${server.url}/metrics`)).text;
      const number = String.raw`\d+(\.\d+)?(e[+-]\d+)?`;
      for (const name of [
        'process_cpu_user_seconds_total',
        'process_start_time_seconds',
        'process_resident_memory_bytes',
        'process_open_fds',
        'nodejs_heap_size_used_bytes',
        'nodejs_external_memory_bytes',
        'nodejs_eventloop_lag_seconds',
        'nodejs_eventloop_active_seconds_total',
        'nodejs_active_handles_total',
      ]) {
        expect(metrics).toMatch(new RegExp(`^${name} ${number}$`, 'm'));
      }
      expect(metrics).toMatch(new RegExp(`^nodejs_version_info\\{version="${process.version}".*\\} 1$`, 'm'));
      expect(metrics).toContain('# TYPE nodejs_gc_duration_seconds histogram');
    } finally {
      await server.dispose();
    }
  });

  it('requires the metrics token when one is configured', async () => {
    const token = 'scrape-token-0123456789';
    const server = await startTestServer({ env: { WAVA_METRICS_TOKEN: token } });
    try {
      const refused = await getRaw(`${server.url}/metrics`);
      expect(refused.status).toBe(401);
      expect(errorCodeOf(refused.json)).toBe('UNAUTHENTICATED');
      const allowed = await getRaw(`${server.url}/metrics`, { authorization: `Bearer ${token}` });
      expect(allowed.status).toBe(200);
      expect(allowed.text).toContain('wava_joins_total');
    } finally {
      await server.dispose();
    }
  });

  it('is closed by default to anything but this machine: other addresses and requests forwarded by a proxy', async () => {
    const server = await startTestServer({ env: { WAVA_HOST: '0.0.0.0' } });
    try {
      const port = new URL(server.url).port;
      expect((await getRaw(`http://127.0.0.1:${port}/metrics`)).status).toBe(200);
      // A reverse proxy on the same host connects from loopback, but says whom it forwards for.
      for (const header of ['x-forwarded-for', 'forwarded', 'x-real-ip']) {
        const forwarded = await getRaw(`http://127.0.0.1:${port}/metrics`, { [header]: 'for=203.0.113.9' });
        expect(forwarded.status).toBe(404);
        expect(forwarded.text).not.toContain('wava_');
      }
      if (externalAddress) {
        const remote = await getRaw(`http://${externalAddress}:${port}/metrics`);
        expect(remote.status).toBe(404);
        expect(remote.text).not.toContain('wava_');
      }
    } finally {
      await server.dispose();
    }
  });
});

/** An address of this machine that is not loopback, to reach the server "from elsewhere"; null when it has none. */
const externalAddress =
  Object.values(networkInterfaces())
    .flat()
    .find((i) => i !== undefined && i.family === 'IPv4' && !i.internal)?.address ?? null;

import { API_ROUTES } from '@wava/protocol';
import { describe, expect, it } from 'vitest';
import { MEETING_STATUS_LIMIT } from '../src/http/meetingStatusRoutes.js';
import { errorCodeOf, getRaw } from './support/http.js';
import { newMeeting } from './support/meetings.js';
import type { TestServer } from './support/startTestServer.js';
import type { TestUser } from './support/users.js';
import { useServerWithUsers } from './support/useServerWithUsers.js';

describe('GET /api/meetings/:code/status (no sign-in)', () => {
  let server: TestServer;
  let host: TestUser;
  // Behind a trusted proxy, so each test can speak from its own address (X-Forwarded-For).
  useServerWithUsers({ env: { WAVA_TRUST_PROXY: 'loopback' } }, ['Host'], (started, users) => {
    server = started;
    [host] = users;
  });

  const statusFrom = (address: string, code: string) =>
    getRaw(`${server.url}${API_ROUTES.meetingStatus(code)}`, { 'x-forwarded-for': address });

  it('says open, then ended, to anyone, and nothing more: no title, host or participants', async () => {
    const code = await newMeeting(server.api, host, 'Board meeting: layoffs');
    expect(await server.api.meetingStatus(code)).toEqual({ ok: true, data: { status: 'open' } });
    const raw = await statusFrom('198.51.100.1', code);
    expect(raw.json).toEqual({ status: 'open' });
    expect(raw.text).not.toMatch(/Board|Host|layoffs/);
    expect(raw.headers.get('cache-control')).toBe('no-store');

    const ended = await server.api.endMeeting(host.session.accessToken, code);
    expect(ended.ok).toBe(true);
    expect(await server.api.meetingStatus(code)).toEqual({ ok: true, data: { status: 'ended' } });
  });

  it.each([['abc-defg-hij'], ['not-a-code'], ['x'.repeat(5000)], ['../../healthz'], ['ABC-DEFG-HIJ%00']])(
    'says unknown for %s',
    async (code) => {
      const raw = await statusFrom('198.51.100.2', code);
      expect([raw.status, raw.json]).toEqual([200, { status: 'unknown' }]);
    },
  );

  it('limits lookups per address, says when to retry, and leaves other addresses alone', async () => {
    const code = await newMeeting(server.api, host);
    for (let i = 0; i < MEETING_STATUS_LIMIT.max; i += 1) {
      expect((await statusFrom('203.0.113.9', code)).status).toBe(200);
    }
    const limited = await statusFrom('203.0.113.9', code);
    expect(limited.status).toBe(429);
    expect(errorCodeOf(limited.json)).toBe('RATE_LIMITED');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await statusFrom('203.0.113.10', code)).json).toEqual({ status: 'open' });
  });

  it('counts IPv6 addresses per /64: rotating through one /64 gives no fresh budget', async () => {
    const code = await newMeeting(server.api, host);
    for (let i = 0; i < MEETING_STATUS_LIMIT.max; i += 1) {
      expect((await statusFrom(`2001:db8:9:9::${(i + 1).toString(16)}`, code)).status).toBe(200);
    }
    expect((await statusFrom('2001:db8:9:9:ffff::1', code)).status).toBe(429);
    expect((await statusFrom('2001:db8:9:a::1', code)).status).toBe(200);
  });

  it('does not open the signed-in meeting routes to anonymous callers', async () => {
    const code = await newMeeting(server.api, host);
    expect((await getRaw(`${server.url}${API_ROUTES.meeting(code)}`)).status).toBe(401);
  });
});

import { API_ROUTES, LIMITS, parseInvite } from '@wava/protocol';
import { describe, expect, it } from 'vitest';
import { errorCodeOf, getRaw, postRaw } from './support/http.js';
import { startTestServer, type TestServer } from './support/startTestServer.js';
import { registerUser, type TestUser } from './support/users.js';
import { useServerWithUsers } from './support/useServerWithUsers.js';

describe('meetings over HTTP', () => {
  let server: TestServer;
  let host: TestUser;
  let guest: TestUser;
  useServerWithUsers({}, ['Host', 'Guest'], (started, users) => {
    server = started;
    [host, guest] = users;
  });

  it('creates a meeting with a human-friendly code and an invite link that parses back to it', async () => {
    const created = await server.api.createMeeting(host.session.accessToken, { title: 'Standup' });
    if (!created.ok) throw new Error(created.error.code);
    const meeting = created.data;
    expect(meeting.code).toMatch(LIMITS.meetingCodePattern);
    expect(meeting.code).not.toMatch(/[ilo]/);
    expect(meeting).toMatchObject({
      title: 'Standup',
      hostId: host.session.user.id,
      hostDisplayName: 'Host',
      endedAt: null,
    });
    expect(meeting.inviteUrl).toBe(`https://meet.wava.test/j/${meeting.code}`);
    expect(parseInvite(meeting.inviteUrl)).toEqual({ code: meeting.code, serverOrigin: 'https://meet.wava.test' });
    const fetched = await server.api.getMeeting(guest.session.accessToken, meeting.code.toUpperCase());
    expect(fetched).toEqual({ ok: true, data: meeting });
  });

  it("gives a meeting without a title the host's name", async () => {
    const created = await server.api.createMeeting(host.session.accessToken, {});
    expect(created.ok && created.data.title).toBe("Host's meeting");
  });

  it('needs a signed-in user to create or look up a meeting', async () => {
    const response = await postRaw(`${server.url}${API_ROUTES.meetings}`, '{}');
    expect(response.status).toBe(401);
    expect(errorCodeOf(response.json)).toBe('UNAUTHENTICATED');
    expect((await getRaw(`${server.url}${API_ROUTES.meeting('abc-defg-hjk')}`)).status).toBe(401);
  });

  it('answers an unknown code and an invalid-looking code with 404 MEETING_NOT_FOUND', async () => {
    for (const code of ['abc-defg-hjk', 'nonsense', '../../etc/passwd', 'x'.repeat(300)]) {
      const response = await getRaw(`${server.url}${API_ROUTES.meeting(code)}`, {
        authorization: `Bearer ${guest.session.accessToken}`,
      });
      expect(response.status).toBe(404);
      expect(errorCodeOf(response.json)).toBe('MEETING_NOT_FOUND');
    }
  });

  it('lets only the host end a meeting; an ended meeting answers 410 MEETING_ENDED', async () => {
    const created = await server.api.createMeeting(host.session.accessToken, {});
    if (!created.ok) throw new Error(created.error.code);
    const code = created.data.code;
    const notHost = await server.api.endMeeting(guest.session.accessToken, code);
    expect(!notHost.ok && notHost.error.code).toBe('NOT_HOST');
    const ended = await server.api.endMeeting(host.session.accessToken, code);
    expect(ended.ok && ended.data.endedAt).toEqual(expect.any(String));
    const response = await getRaw(`${server.url}${API_ROUTES.meeting(code)}`, {
      authorization: `Bearer ${guest.session.accessToken}`,
    });
    expect(response.status).toBe(410);
    expect(errorCodeOf(response.json)).toBe('MEETING_ENDED');
    const again = await server.api.endMeeting(host.session.accessToken, code);
    expect(!again.ok && again.error.code).toBe('MEETING_ENDED');
  });

  it.each([
    ['too long', 'x'.repeat(LIMITS.meetingTitleMax + 1)],
    ['with a line break', 'Standup\nPlease enter your password'],
    ['with a bidi override', 'Weekly \u202Egnitem'],
    ['that is not text', 42],
  ])('refuses a title %s with MEETING_TITLE_INVALID', async (_name, title) => {
    const response = await postRaw(`${server.url}${API_ROUTES.meetings}`, JSON.stringify({ title }), {
      'content-type': 'application/json',
      authorization: `Bearer ${host.session.accessToken}`,
    });
    expect(response.status).toBe(400);
    expect(errorCodeOf(response.json)).toBe('MEETING_TITLE_INVALID');
  });
});

describe('meetings per user per hour', () => {
  it('refuses the meeting over the limit with 429 TOO_MANY_MEETINGS, for that user only', async () => {
    const server = await startTestServer({ env: { WAVA_MEETINGS_PER_HOUR: '2' } });
    try {
      const busy = await registerUser(server.api, 'Busy');
      const calm = await registerUser(server.api, 'Calm');
      expect((await server.api.createMeeting(busy.session.accessToken, {})).ok).toBe(true);
      expect((await server.api.createMeeting(busy.session.accessToken, {})).ok).toBe(true);
      const response = await postRaw(`${server.url}${API_ROUTES.meetings}`, '{}', {
        'content-type': 'application/json',
        authorization: `Bearer ${busy.session.accessToken}`,
      });
      expect(response.status).toBe(429);
      expect(errorCodeOf(response.json)).toBe('TOO_MANY_MEETINGS');
      expect(response.headers.get('retry-after')).toBeTruthy();
      expect((await server.api.createMeeting(calm.session.accessToken, {})).ok).toBe(true);
    } finally {
      await server.dispose();
    }
  });
});

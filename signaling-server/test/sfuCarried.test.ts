import { describe, expect, it } from 'vitest';
import { newMeeting } from './support/meetings.js';
import { connectSocket, enterRecording, joined, request, roundTrip, type SeatedPerson } from './support/sockets.js';
import type { TestServer } from './support/startTestServer.js';
import type { TestUser } from './support/users.js';
import { useServerWithUsers } from './support/useServerWithUsers.js';

/**
 * `sfu:carried`: during a move to the SFU each client tells the people it had a mesh call with that their media
 * reaches it through the SFU, so that the call ends once both sides see each other there (make before break on
 * both sides). The server passes it on with the sender's own peer id, within the sender's meeting only.
 */
describe('sfu:carried', () => {
  let server: TestServer;
  let host: TestUser;
  let guest: TestUser;
  let third: TestUser;
  useServerWithUsers({}, ['Host', 'Guest', 'Third'], (started, users) => {
    server = started;
    [host, guest, third] = users;
  });

  const enter = (user: TestUser, code: string) =>
    enterRecording(server.url, user.session.accessToken, code, ['sfu:carried']);
  const heard = (person: SeatedPerson) => person.seen.map((entry) => entry.payload);

  it('reaches the person named, with the sender’s peer id, and nobody else', async () => {
    const code = await newMeeting(server.api, host);
    const [a, b, c] = [await enter(host, code), await enter(guest, code), await enter(third, code)];
    const ack = await request(a.socket, 'sfu:carried', { peerId: b.join.self.peerId });
    expect(ack).toEqual({ ok: true, data: null });
    await expect.poll(() => heard(b)).toEqual([{ peerId: a.join.self.peerId }]);
    await Promise.all([roundTrip(a.socket), roundTrip(c.socket)]);
    expect(heard(a)).toEqual([]);
    expect(heard(c)).toEqual([]);
  });

  it('tells nobody outside the sender’s meeting, refuses oneself and malformed payloads, and needs a ready seat', async () => {
    const code = await newMeeting(server.api, host);
    const otherCode = await newMeeting(server.api, third);
    const a = await enter(host, code);
    const elsewhere = await enter(third, otherCode);
    // Someone of another meeting, or nobody: nothing is sent, and the answer says nothing of them either.
    for (const peerId of [elsewhere.join.self.peerId, 'no-such-peer'])
      expect(await request(a.socket, 'sfu:carried', { peerId })).toEqual({ ok: true, data: null });
    expect(await request(a.socket, 'sfu:carried', { peerId: a.join.self.peerId })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
    for (const payload of [{}, { peerId: '' }, { peerId: 'x'.repeat(129) }, { peerId: 'b', extra: 1 }])
      expect(await request(a.socket, 'sfu:carried', payload)).toMatchObject({
        ok: false,
        error: { code: 'BAD_REQUEST' },
      });
    // A seat whose PeerJS websocket is not open yet (not announced to anyone) cannot send it.
    const unready = await connectSocket(server.url, guest.session.accessToken);
    await joined(unready, code);
    expect(await request(unready, 'sfu:carried', { peerId: a.join.self.peerId })).toMatchObject({
      ok: false,
      error: { code: 'NOT_IN_MEETING' },
    });
    await Promise.all([roundTrip(a.socket), roundTrip(elsewhere.socket)]);
    expect(heard(a)).toEqual([]);
    expect(heard(elsewhere)).toEqual([]);
  });
});

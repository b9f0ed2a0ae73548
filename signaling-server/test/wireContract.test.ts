import { CLIENT_EVENT_NAMES, clientEvents, serverEventSchemas, type ClientEventName } from '@wava/protocol';
import { describe, expect, it } from 'vitest';
import { newMeeting } from './support/meetings.js';
import { connectSocket, joinReady, nextEvent, recordEvents, request, roundTrip } from './support/sockets.js';
import type { TestServer } from './support/startTestServer.js';
import type { TestUser } from './support/users.js';
import { useServerWithUsers } from './support/useServerWithUsers.js';

/** What the real server sends fits protocol's schemas, which clients check everything against. */
describe('the wire contract in protocol/', () => {
  let server: TestServer;
  let host: TestUser;
  let guest: TestUser;
  let third: TestUser;
  useServerWithUsers({}, ['Host', 'Guest', 'Third'], (started, users) => {
    server = started;
    [host, guest, third] = users;
  });

  const fits = (event: ClientEventName, reply: { ok: boolean; data?: unknown }) => {
    expect(reply.ok, event).toBe(true);
    expect(clientEvents[event].reply.safeParse(reply.data).success, event).toBe(true);
  };

  it('answers every client event with data that fits its reply schema', async () => {
    const code = await newMeeting(server.api, host);
    const socket = await connectSocket(server.url, host.session.accessToken);
    const join = await joinReady(socket, code);
    expect(clientEvents['meeting:join'].reply.safeParse(join).success).toBe(true);
    const other = await joinReady(await connectSocket(server.url, guest.session.accessToken), code);
    const target = { peerId: other.self.peerId };
    const payloads: { [K in ClientEventName]?: unknown } = {
      'peer:ready': {},
      'peer:token': {},
      'media:update': { audio: false },
      'ice:refresh': {},
      'chat:send': { text: 'hello' },
      'chat:history': {},
      'chat:clear': {},
      'hand:raise': {},
      'hand:lower': {},
      'reaction:send': { emoji: '👍' },
      'moderation:lock': { locked: true },
      'moderation:settings': { chat: 'hosts', title: 'Renamed' },
      'moderation:mute': target,
      'moderation:askUnmute': target,
      'moderation:stopVideo': target,
      'moderation:stopScreen': target,
      'moderation:allowBack': { userId: 'nobody' },
      'moderation:setRole': { ...target, role: 'co-host' },
      'sfu:credentials': {},
      'sfu:carried': target,
    };
    // Run last, in this order: hand hosting to the guest, then (now a co-host) remove a third person.
    const later = [
      'meeting:join',
      'meeting:end',
      'meeting:leave',
      'meeting:prepare',
      'moderation:remove',
      'moderation:handOver',
    ];
    for (const event of CLIENT_EVENT_NAMES) {
      if (later.includes(event)) continue;
      // The waiting room's events need a knocker: lobby.test.ts checks their answers against the schemas.
      if (event.startsWith('lobby:')) continue;
      fits(event, await request(socket, event, payloads[event] ?? {}));
    }
    await request(socket, 'moderation:lock', { locked: false });
    const removable = await joinReady(await connectSocket(server.url, third.session.accessToken), code);
    fits('moderation:handOver', await request(socket, 'moderation:handOver', target));
    fits('moderation:remove', await request(socket, 'moderation:remove', { peerId: removable.self.peerId }));
    fits('meeting:leave', await request(socket, 'meeting:leave', {}));
    fits('meeting:prepare', await request(socket, 'meeting:prepare', { code }));
    fits('meeting:join', await request(socket, 'meeting:join', { code, media: { audio: true, video: true } }));
    fits('meeting:end', await request(socket, 'meeting:end', {}));
  });

  it('sends server events that fit serverEventSchemas', async () => {
    const code = await newMeeting(server.api, host);
    const hostSocket = await connectSocket(server.url, host.session.accessToken);
    const seen = recordEvents(hostSocket, Object.keys(serverEventSchemas));
    const history = nextEvent(hostSocket, 'chat:history');
    const hostPeerId = (await joinReady(hostSocket, code)).self.peerId;
    await history;
    const guestSocket = await connectSocket(server.url, guest.session.accessToken);
    const joined = nextEvent(hostSocket, 'participant:joined');
    const guestPeerId = (await joinReady(guestSocket, code)).self.peerId;
    await joined;
    const updated = nextEvent(hostSocket, 'participant:updated');
    await request(guestSocket, 'media:update', { video: false });
    await updated;
    const message = nextEvent(hostSocket, 'chat:message');
    await request(guestSocket, 'chat:send', { text: 'hello' });
    await message;
    const reaction = nextEvent(hostSocket, 'reaction');
    await request(guestSocket, 'reaction:send', { emoji: '🎉' });
    await reaction;
    const carried = nextEvent(hostSocket, 'sfu:carried');
    await request(guestSocket, 'sfu:carried', { peerId: hostPeerId });
    await carried;
    const cleared = nextEvent(hostSocket, 'chat:cleared');
    await request(hostSocket, 'chat:clear', {});
    await cleared;
    await roundTrip(guestSocket);
    const guestSeen = recordEvents(guestSocket, Object.keys(serverEventSchemas));
    const controls = nextEvent(hostSocket, 'moderation:state');
    await request(hostSocket, 'moderation:lock', { locked: true });
    await controls;
    const action = nextEvent(guestSocket, 'moderation:action');
    await request(hostSocket, 'moderation:mute', { peerId: guestPeerId });
    await action;
    const left = nextEvent(hostSocket, 'participant:left');
    const removed = nextEvent(guestSocket, 'moderation:removed');
    await request(hostSocket, 'moderation:remove', { peerId: guestPeerId });
    await Promise.all([left, removed]);
    const ended = nextEvent(hostSocket, 'meeting:ended');
    await request(hostSocket, 'meeting:end', {});
    await ended;

    expect(new Set(seen.map((s) => s.event))).toEqual(
      new Set([
        'hand:changed',
        'chat:history',
        'participant:joined',
        'participant:updated',
        'chat:message',
        'reaction',
        'chat:cleared',
        'participant:left',
        'meeting:ended',
        'moderation:state',
        'meeting:mode',
        'sfu:carried',
        // The host's seat became ready: who is waiting (nobody).
        'lobby:queue',
      ]),
    );
    expect(new Set(guestSeen.map((s) => s.event))).toEqual(
      new Set(['participant:updated', 'moderation:state', 'moderation:action', 'moderation:removed']),
    );
    for (const { event, payload } of [...seen, ...guestSeen]) {
      const schema = serverEventSchemas[event as keyof typeof serverEventSchemas];
      expect(schema.safeParse(payload).success, event).toBe(true);
    }
  });
});

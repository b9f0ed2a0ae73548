import type { ClientEventName, ClientPayload, ClientReply, JoinRequest, JoinResult, Result } from '@wava/protocol';
import { describe, expect, it, vi } from 'vitest';
import { ConnectingCall, ConnectingPeer } from './support/ConnectingPeer.js';
import { FakeMediaStream, FakeServerSocket, fakePlatform, joinResult, participant } from './support/meetingDoubles.js';
import { createTestMeetingClient } from './support/createTestMeetingClient.js';
import { useFakeCallEnvironment } from './support/useFakeCallEnvironment.js';

/**
 * The recovery paths the end-to-end suite covers with real servers and Chromium (serverRestart.spec.ts,
 * callRecovery.spec.ts, peerImpostor.spec.ts), driven here directly through MeetingClient with the
 * doubles: a server restart, a rejoin that needs a new peer id, the grace given to someone whose call
 * still flows, and a call that arrives before the server announced the caller.
 */

/** Answers each join request as `answer` says (the real server's answers, chosen by the test). */
function answerJoins(server: FakeServerSocket, answer: (request: JoinRequest) => Result<JoinResult>) {
  answerRequest(server, 'meeting:join', (request) => {
    server.joins.push(request);
    return answer(request);
  });
}

/** The fake server answers `event` as `answer` says, and every other request as usual. */
function answerRequest<K extends ClientEventName>(
  server: FakeServerSocket,
  event: K,
  answer: (payload: ClientPayload<K>) => Result<ClientReply<K>>,
) {
  const usual = server.request.bind(server);
  server.request = ((name: ClientEventName, payload: never) =>
    name === event ? Promise.resolve(answer(payload)) : usual(name, payload)) as FakeServerSocket['request'];
}

/** Ada in a meeting with the people in `result`, her Peer open, her camera calls placed and connected. */
async function inMeeting(result: JoinResult = joinResult()) {
  const platform = fakePlatform();
  const notes: string[] = [];
  platform.notify = (title) => notes.push(title);
  const { client, server, peers } = await createTestMeetingClient({
    server: new FakeServerSocket(result),
    platform,
    Peer: ConnectingPeer,
  });
  client.join();
  await vi.advanceTimersByTimeAsync(0);
  peers[0]?.openNow();
  await vi.advanceTimersByTimeAsync(0);
  for (const call of peers[0]?.placed ?? []) call.connect();
  return { client, server, peers, notes, state: () => client.getSnapshot() };
}

/** The server restarts: it says so, closes the socket, and the PeerJS server drops our Peer too. */
function serverRestarts(t: Awaited<ReturnType<typeof inMeeting>>, reconnectAfterMs: number) {
  t.server.send('server:shutdown', { reconnectAfterMs });
  t.server.drop('io server disconnect', false);
  const peer = t.peers.at(-1) as ConnectingPeer;
  peer.disconnected = true;
  peer.open = false;
  peer.emit('disconnected');
}

/** The server restarts and Ada rejoins before Bob has: the restarted server lists only her. */
async function rejoinedWithoutBob() {
  const t = await inMeeting();
  const onlyAda: JoinResult = { ...joinResult(), participants: [joinResult().self] };
  answerJoins(t.server, () => ({ ok: true, data: onlyAda }));
  serverRestarts(t, 0);
  await vi.advanceTimersByTimeAsync(0);
  t.server.connect();
  return t;
}

const tiles = (t: Awaited<ReturnType<typeof inMeeting>>) =>
  t.state().remotes.map((tile) => [tile.displayName, tile.connection]);

describe('a meeting recovering by itself', () => {
  useFakeCallEnvironment();

  it('after a server restart it rejoins with the same peer id when the server asked, and the call keeps flowing', async () => {
    const t = await inMeeting();
    expect(tiles(t)).toEqual([['Bob', 'connected']]);
    serverRestarts(t, 3_000);
    expect(t.state().signaling).toBe('reconnecting');
    expect(tiles(t)).toEqual([['Bob', 'connected']]);

    await vi.advanceTimersByTimeAsync(2_999);
    expect(t.server.reconnects).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(t.server.reconnects).toBe(1);
    t.server.connect();
    await vi.advanceTimersByTimeAsync(0);

    expect(t.server.joins.at(-1)?.resume).toEqual({ id: 'a-peer', token: 'peer-token' });
    // A new Peer with the same id takes the old one's place on the PeerJS server; the call is not touched.
    expect(t.peers.map((peer) => [peer.id, peer.destroyed])).toEqual([
      ['a-peer', false],
      ['a-peer', false],
    ]);
    t.peers[1]?.openNow();
    await vi.advanceTimersByTimeAsync(0);
    expect(t.state().signaling).toBe('connected');
    expect(tiles(t)).toEqual([['Bob', 'connected']]);
    expect(t.peers[0]?.placed.map((call) => call.closed)).toEqual([false]);
    expect(t.peers[1]?.placed).toEqual([]);
    expect(t.notes).toEqual([]);
  });

  it('when the server will not let us keep our peer id, it joins as new and places every call again', async () => {
    const t = await inMeeting();
    const self = participant('a2-peer', 'Ada');
    const fresh: JoinResult = {
      ...joinResult(),
      self,
      participants: [self, participant('b-peer', 'Bob')],
      peer: { ...joinResult().peer, id: 'a2-peer', token: 'new-token' },
    };
    answerJoins(t.server, (request) =>
      request.resume ? { ok: false, error: { code: 'PEER_ID_REJECTED', message: 'x' } } : { ok: true, data: fresh },
    );
    t.server.drop('transport close', true);
    t.server.connect();
    await vi.advanceTimersByTimeAsync(0);

    expect(t.server.joins.slice(1).map((request) => request.resume ?? null)).toEqual([
      { id: 'a-peer', token: 'peer-token' },
      null,
    ]);
    expect(t.peers.map((peer) => [peer.id, peer.destroyed])).toEqual([
      ['a-peer', true],
      ['a2-peer', false],
    ]);
    expect(t.peers[0]?.placed.map((call) => call.closed)).toEqual([true]);
    expect(tiles(t)).toEqual([['Bob', 'connecting']]);
    t.peers[1]?.openNow();
    await vi.advanceTimersByTimeAsync(0);
    expect(t.peers[1]?.placed.map((call) => call.peer)).toEqual(['b-peer']);
    t.peers[1]?.placed[0]?.connect();
    expect(tiles(t)).toEqual([['Bob', 'connected']]);
    expect(t.state().phase).toBe('in-meeting');
  });

  it('someone whose call still flows is kept through the restart, and dropped quietly when their grace runs out', async () => {
    const t = await rejoinedWithoutBob();
    await vi.advanceTimersByTimeAsync(0);

    // The restarted server does not list Bob yet, but media to him flows: he stays for 30 s.
    expect(tiles(t)).toEqual([['Bob', 'connected']]);
    await vi.advanceTimersByTimeAsync(29_999);
    expect(tiles(t)).toEqual([['Bob', 'connected']]);
    await vi.advanceTimersByTimeAsync(1);
    expect(tiles(t)).toEqual([]);
    expect(t.peers[0]?.placed.map((call) => call.closed)).toEqual([true]);
    // He did not leave as far as anyone knows: no "Bob left".
    expect(t.notes).toEqual([]);
  });

  it('someone who rejoins within their grace is kept', async () => {
    const t = await rejoinedWithoutBob();
    await vi.advanceTimersByTimeAsync(10_000);
    t.server.send('participant:joined', participant('b-peer', 'Bob'));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(tiles(t)).toEqual([['Bob', 'connected']]);
    expect(t.peers[0]?.placed.map((call) => call.closed)).toEqual([false]);
  });

  it('fresh TURN credentials reach the call in progress and every call placed later, without a new Peer', async () => {
    const expiring: JoinResult = {
      ...joinResult(),
      ice: {
        iceServers: [{ urls: ['turn:turn.test'], username: 'old', credential: 'x' }],
        iceTransportPolicy: 'all',
        expiresAt: Date.now() + 600_000,
      },
    };
    const t = await inMeeting(expiring);
    const fresh = {
      iceServers: [{ urls: ['turn:turn.test'], username: 'new', credential: 'y' }],
      iceTransportPolicy: 'relay' as const,
      expiresAt: null,
    };
    answerRequest(t.server, 'ice:refresh', () => ({ ok: true, data: fresh }));
    await vi.advanceTimersByTimeAsync(600_000);
    const first = t.peers[0]?.placed[0] as ConnectingCall;
    const usernames = (call: ConnectingCall) =>
      call.configured.map((c) => c.iceServers?.map((server) => server.username));
    expect(usernames(first)).toEqual([['new']]);
    expect(first.configured[0]?.iceTransportPolicy).toBe('relay');

    first.close();
    first.emit('close');
    await vi.advanceTimersByTimeAsync(500);
    const again = t.peers[0]?.placed[1] as ConnectingCall;
    expect(usernames(again)).toEqual([['new']]);
    expect(t.peers).toHaveLength(1);
  });

  it('a call from a newcomer that arrives before the server announced them is answered at once; their tile shows it when the news comes', async () => {
    const alone: JoinResult = { ...joinResult(), participants: [joinResult().self] };
    const t = await inMeeting(alone);
    // Our PeerJS server relays only between seats of this meeting: Carol holds one, and her news is on its way.
    const early = new ConnectingCall('0-peer', { kind: 'camera' });
    t.peers[0]?.emit('call', early);
    expect([early.answered, early.closed]).toEqual([true, false]);
    early.emit('stream', new FakeMediaStream());
    early.connect();
    await vi.advanceTimersByTimeAsync(5_000);
    // No tile before the server says who she is.
    expect(tiles(t)).toEqual([]);

    t.server.send('participant:joined', participant('0-peer', 'Carol'));
    const carol = t.state().remotes[0];
    expect([carol?.displayName, carol?.connection, carol?.cameraStreamId !== null]).toEqual([
      'Carol',
      'connected',
      true,
    ]);
    expect(t.notes).toHaveLength(1);
    // Carol's side places the call (her peer id sorts first): Ada does not call her as well.
    expect(t.peers[0]?.placed).toEqual([]);
    // Announced in time: the call stays.
    await vi.advanceTimersByTimeAsync(60_000);
    expect(early.closed).toBe(false);
  });

  it('a call answered early is kept once its caller is announced, also when the meeting moved to the SFU meanwhile', async () => {
    // Janus is out of reach here: the SFU session never opens, and the mesh keeps carrying what it has.
    vi.stubGlobal(
      'WebSocket',
      class {
        static readonly OPEN = 1;
        readonly readyState = 0;
        addEventListener() {}
        close() {}
      },
    );
    const alone: JoinResult = { ...joinResult(), participants: [joinResult().self] };
    const t = await inMeeting(alone);
    const early = new ConnectingCall('0-peer', { kind: 'camera' });
    t.peers[0]?.emit('call', early);
    early.emit('stream', new FakeMediaStream());
    early.connect();
    // The meeting moves to the SFU before Carol's news arrives: we call nobody new, but her call is hers.
    t.server.send('meeting:mode', {
      mode: 'sfu',
      url: 'wss://meet.wava.test/sfu?token=token-of-sixteen-chars-1',
      room: 'room-1',
      token: 'token-of-sixteen-chars-1',
      publisherId: joinResult().self.peerId,
      generation: 1,
      lastN: 9,
      maxParticipants: 50,
    });
    await vi.advanceTimersByTimeAsync(1_000);
    t.server.send('participant:joined', participant('0-peer', 'Carol'));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(early.closed).toBe(false);
    expect(tiles(t)).toEqual([['Carol', 'connected']]);
  });

  it('a call answered early from someone the server never announces ends after 10 s, without a tile', async () => {
    const alone: JoinResult = { ...joinResult(), participants: [joinResult().self] };
    const t = await inMeeting(alone);
    const stranger = new ConnectingCall('0-peer', { kind: 'camera' });
    t.peers[0]?.emit('call', stranger);
    stranger.emit('stream', new FakeMediaStream());
    stranger.connect();
    await vi.advanceTimersByTimeAsync(9_999);
    expect([stranger.answered, stranger.closed]).toEqual([true, false]);
    await vi.advanceTimersByTimeAsync(1);
    expect(stranger.closed).toBe(true);
    expect(tiles(t)).toEqual([]);
    expect(t.notes).toEqual([]);
  });

  it('while our socket is down such a call is held unanswered, and refused after 10 s without the news', async () => {
    const alone: JoinResult = { ...joinResult(), participants: [joinResult().self] };
    const t = await inMeeting(alone);
    t.server.drop('transport close', true);
    const held = new ConnectingCall('0-peer', { kind: 'camera' });
    t.peers[0]?.emit('call', held);
    await vi.advanceTimersByTimeAsync(9_999);
    expect([held.answered, held.closed]).toEqual([false, false]);
    await vi.advanceTimersByTimeAsync(1);
    expect([held.answered, held.closed]).toEqual([false, true]);
    expect(tiles(t)).toEqual([]);
  });
});

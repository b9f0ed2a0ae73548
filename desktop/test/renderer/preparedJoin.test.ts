import type { ClientEventName, ClientPayload, ClientReply, Result } from '@wava/protocol';
import { describe, expect, it, vi } from 'vitest';
import { codecReordering } from '../../src/renderer/call/codecReordering.js';
import { createTestMeetingClient } from './support/createTestMeetingClient.js';
import { FakeCall, fakePlatform, FakeServerSocket, joinResult, participant } from './support/meetingDoubles.js';
import { useFakeCallEnvironment } from './support/useFakeCallEnvironment.js';

/** Issue 10: on the pre-join screen the socket and our Peer are opened, so that Join is one message. */
describe('joining from a prepared pre-join', () => {
  useFakeCallEnvironment();

  async function preJoin() {
    const warnings: unknown[][] = [];
    const { client, server, peers } = await createTestMeetingClient({
      logger: { warn: (...args: unknown[]) => warnings.push(args) },
    });
    client.prepare();
    await vi.advanceTimersByTimeAsync(0);
    return { client, server, peers, warnings };
  }

  it('opens the Peer before Join; Join is one message and places the call at once', async () => {
    const t = await preJoin();
    expect(t.server.requests).toEqual(['meeting:prepare']);
    expect(t.peers.map((peer) => [peer.id, peer.options.token])).toEqual([['a-peer', 'peer-token']]);
    t.peers[0]!.openNow();
    await vi.advanceTimersByTimeAsync(0);
    // Nothing is announced or called from the pre-join screen.
    expect(t.server.requests).toEqual(['meeting:prepare']);
    expect(t.client.getSnapshot().phase).toBe('idle');

    t.client.join();
    await vi.advanceTimersByTimeAsync(0);
    expect(t.server.requests).toEqual(['meeting:prepare', 'meeting:join']);
    expect(t.server.connects).toBe(1);
    // The same Peer, and Bob (the pair rule has Ada call him) is called without waiting for anything else.
    expect(t.peers).toHaveLength(1);
    expect(t.peers[0]!.calls.map((call) => call.peer)).toEqual(['b-peer']);
    // Its offer goes through the codec reordering (H.264 first where the browser accepts it).
    expect(t.peers[0]!.calls[0]!.sdpTransform).toBe(codecReordering.sdpTransform);
    expect(t.client.getSnapshot().signaling).toBe('connected');

    // A call Carol places to us is answered through the check's edit for answers (VP8 first where H.264 failed).
    t.server.send('participant:joined', participant('0-peer', 'Carol'));
    const fromCarol = new FakeCall('0-peer', { kind: 'camera' });
    t.peers[0]!.emit('call', fromCarol);
    await vi.advanceTimersByTimeAsync(0);
    expect(fromCarol.answered).toBe(true);
    expect(fromCarol.answerSdpTransform).toBe(codecReordering.answerTransform);
  });

  it('the meeting view waits for the join to place its calls, and never longer than 400 ms after Join', async () => {
    const t = await preJoin();
    t.peers[0]!.openNow();
    await vi.advanceTimersByTimeAsync(0);
    const shown = vi.fn();
    t.client.join();
    t.client.afterCallSetup(shown);
    await vi.advanceTimersByTimeAsync(0);
    // Bob's call is placed; it has not connected (these doubles never do), so the view waits, up to its limit.
    expect(t.peers[0]!.calls.map((call) => call.peer)).toEqual(['b-peer']);
    expect(t.client.getSnapshot().phase).toBe('in-meeting');
    await vi.advanceTimersByTimeAsync(300);
    expect(shown).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(101);
    expect(shown).toHaveBeenCalledTimes(1);
  });

  it('joined before its prepared Peer opened: the Peer opening makes the calls', async () => {
    const t = await preJoin();
    t.client.join();
    await vi.advanceTimersByTimeAsync(0);
    expect(t.peers).toHaveLength(1);
    expect(t.peers[0]!.calls).toEqual([]);
    t.peers[0]!.openNow();
    await vi.advanceTimersByTimeAsync(0);
    expect(t.peers[0]!.calls.map((call) => call.peer)).toEqual(['b-peer']);
  });

  it.each([
    ['after our Peer saw its OPEN', true],
    ['before our Peer saw its OPEN (the server sent both at once)', false],
  ])(
    'joined before its prepared Peer opened: the server announcing who is here %s places the calls, before peer:ready is answered',
    async (_when, openFirst) => {
      // As the real server answers a join whose seat is not ready yet: nobody listed; `peer:ready` goes unanswered.
      const server = new SilentReadyServer({ ...joinResult(), participants: [] });
      const platform = fakePlatform();
      const notes: string[] = [];
      platform.notify = (title) => notes.push(title);
      const { client, peers } = await createTestMeetingClient({ server, platform });
      client.prepare();
      await vi.advanceTimersByTimeAsync(0);
      client.join();
      await vi.advanceTimersByTimeAsync(0);
      const peer = peers[0]!;
      if (openFirst) {
        peer.openNow();
        await vi.advanceTimersByTimeAsync(0);
        expect(server.requests).toEqual(['meeting:prepare', 'meeting:join', 'peer:ready']);
        expect(peer.calls).toEqual([]);
      }
      // The seat became ready when its websocket opened: the server announces who was already here, to it only.
      server.send('participant:joined', participant('b-peer', 'Bob'));
      if (!openFirst) {
        expect(peer.calls).toEqual([]);
        peer.openNow();
        await vi.advanceTimersByTimeAsync(0);
      }
      expect(peer.calls.map((call) => call.peer)).toEqual(['b-peer']);
      expect(client.getSnapshot().signaling).toBe('connected');
      // Bob was here before us: no "joined" notification for him.
      expect(notes).toEqual([]);
    },
  );

  it('a prepared Peer that fails before Join shows nothing and retries nothing; Join connects a new one', async () => {
    const t = await preJoin();
    const peer = t.peers[0]!;
    peer.emit('error', Object.assign(new Error('Lost connection to server'), { type: 'network' }));
    peer.disconnected = true;
    peer.emit('disconnected');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(t.server.requests).toEqual(['meeting:prepare']);
    expect(t.client.getSnapshot().error).toBeNull();

    t.client.join();
    await vi.advanceTimersByTimeAsync(0);
    expect(t.peers.map((p) => [p.id, p.options.token])).toEqual([
      ['a-peer', 'peer-token'],
      ['a-peer', 'peer-token'],
    ]);
    t.peers[1]!.openNow();
    await vi.advanceTimersByTimeAsync(0);
    expect(t.peers[1]!.calls.map((call) => call.peer)).toEqual(['b-peer']);
  });

  it('leaving the pre-join screen closes the socket and the Peer, and Join does nothing after', async () => {
    const t = await preJoin();
    t.client.dispose();
    expect(t.server.closed).toBe(true);
    expect(t.peers[0]!.destroyed).toBe(true);
    t.client.join();
    expect(t.client.getSnapshot().phase).toBe('idle');
  });
});

/** Our server, whose answer to `peer:ready` never comes (a slow link: the round trip it would take). */
class SilentReadyServer extends FakeServerSocket {
  override request<K extends ClientEventName>(event: K, payload: ClientPayload<K>): Promise<Result<ClientReply<K>>> {
    if (event !== 'peer:ready') return super.request(event, payload);
    this.requests.push(event);
    return new Promise(() => undefined);
  }
}

import { describe, expect, it, vi } from 'vitest';
import { createTestMeetingClient } from './support/createTestMeetingClient.js';
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
    expect(t.client.getSnapshot().signaling).toBe('connected');
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

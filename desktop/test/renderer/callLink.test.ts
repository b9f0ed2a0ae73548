import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CallLink, type CallLinkOptions } from '../../src/renderer/call/callLink.js';
import type { ConnectionState } from '../../src/renderer/call/callState.js';
import type { MediaCall } from '../../src/renderer/call/mediaCall.js';
import type { MediaFailure } from '../../src/renderer/call/mediaFailure.js';
import { createBackoffPolicy } from '../../src/renderer/call/reconnectPolicy.js';

/**
 * jsdom has no WebRTC, so these drive CallLink through a hand-written stand-in for exactly the
 * interface it uses (MediaCall + the RTCPeerConnection events it watches). Real media is checked in
 * Chromium by the end-to-end tests.
 */
class FakePeerConnection extends EventTarget {
  iceConnectionState: RTCIceConnectionState = 'new';
  iceGatheringState: RTCIceGatheringState = 'new';
  setIce(state: RTCIceConnectionState) {
    this.iceConnectionState = state;
    this.dispatchEvent(new Event('iceconnectionstatechange'));
  }
  candidateError(errorCode: number) {
    this.dispatchEvent(Object.assign(new Event('icecandidateerror'), { errorCode }));
  }
  gatheringDone() {
    this.iceGatheringState = 'complete';
    this.dispatchEvent(new Event('icegatheringstatechange'));
  }
  getTransceivers() {
    return [];
  }
}

class FakeCall implements MediaCall {
  readonly metadata = { kind: 'camera' };
  private fake: FakePeerConnection | null = null;
  answered: MediaStream | undefined | 'no' = 'no';
  closed = false;
  private readonly listeners = new Map<string, ((arg?: unknown) => void)[]>();
  constructor(
    readonly peer: string,
    placed: boolean,
  ) {
    if (placed) this.fake = new FakePeerConnection();
  }
  on(event: string, listener: (arg: never) => void) {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener as (arg?: unknown) => void]);
    return this;
  }
  emit(event: string, arg?: unknown) {
    for (const listener of this.listeners.get(event) ?? []) listener(arg);
  }
  answer(stream?: MediaStream) {
    this.answered = stream;
    this.fake = new FakePeerConnection();
  }
  close() {
    if (this.closed) return;
    this.closed = true;
    this.fake = null;
  }
  /** CallLink only listens to ICE events and reads two states: the fake implements just those. */
  get peerConnection(): RTCPeerConnection | null {
    return this.fake as unknown as RTCPeerConnection | null;
  }
  get pc(): FakePeerConnection {
    if (!this.fake) throw new Error('no peer connection');
    return this.fake;
  }
}

function link(initiator: boolean, overrides: Partial<CallLinkOptions> = {}) {
  const dialed: FakeCall[] = [];
  const states: Array<[ConnectionState, MediaFailure | null]> = [];
  const streams: Array<string | null> = [];
  let peerOpen = true;
  const callLink = new CallLink({
    peerId: 'bob',
    initiator,
    dial: () => {
      if (!peerOpen) return null;
      const call = new FakeCall('bob', true);
      dialed.push(call);
      return call;
    },
    answer: (call) => call.answer({ id: 'local' } as MediaStream),
    policy: createBackoffPolicy(),
    connectTimeoutMs: 15_000,
    giveUpAfterMs: 60_000,
    onState: (state, failure) => states.push([state, failure]),
    onStream: (stream) => streams.push(stream?.id ?? null),
    ...overrides,
  });
  return {
    callLink,
    dialed,
    states,
    streams,
    last: () => dialed[dialed.length - 1] as FakeCall,
    setPeerOpen: (open: boolean) => {
      peerOpen = open;
    },
  };
}

describe('CallLink', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('the initiator dials at once and reports connected when ICE connects', () => {
    const t = link(true);
    t.callLink.start();
    expect(t.dialed).toHaveLength(1);
    expect(t.callLink.state).toBe('connecting');
    t.last().emit('stream', { id: 'remote-1' });
    t.last().pc.setIce('connected');
    expect(t.states).toEqual([['connected', null]]);
    expect(t.streams).toEqual(['remote-1']);
    expect(t.callLink.live).toBe(true);
  });

  it('a call that does not connect in time is replaced with backoff, saying reconnecting, not failed', async () => {
    const t = link(true);
    t.callLink.start();
    t.last().pc.setIce('checking');
    await vi.advanceTimersByTimeAsync(14_999);
    expect(t.callLink.state).toBe('connecting');
    await vi.advanceTimersByTimeAsync(1);
    expect(t.states).toEqual([['reconnecting', null]]);
    expect(t.dialed[0]?.closed).toBe(true);
    await vi.advanceTimersByTimeAsync(500);
    expect(t.dialed).toHaveLength(2);
    t.last().pc.setIce('connected');
    expect(t.states).toEqual([
      ['reconnecting', null],
      ['connected', null],
    ]);
  });

  it('only after a minute of trying does it say failed, and it keeps re-dialling until media flows', async () => {
    const t = link(true);
    t.callLink.start();
    // Each call times out after 15 s and is replaced after 0.5 s, 1 s, 2 s …: calls at 0, 15.5, 31.5 and 48.5 s.
    await vi.advanceTimersByTimeAsync(59_999);
    expect(t.dialed).toHaveLength(4);
    expect(t.states.map(([state]) => state)).not.toContain('failed');
    await vi.advanceTimersByTimeAsync(1);
    expect(t.states.at(-1)).toEqual(['failed', 'timeout']);
    // Given up, not stopped: the fourth call times out at 63.5 s and a fifth follows 4 s later.
    await vi.advanceTimersByTimeAsync(7_500);
    expect(t.dialed).toHaveLength(5);
    // Still failed (not flickering to "reconnecting") until media really flows.
    expect(t.callLink.state).toBe('failed');
    t.last().pc.setIce('connected');
    expect(t.callLink.state).toBe('connected');
    // A later outage gets a whole minute of "reconnecting" again.
    t.last().emit('close');
    await vi.advanceTimersByTimeAsync(59_999);
    expect(t.callLink.state).toBe('reconnecting');
    await vi.advanceTimersByTimeAsync(1);
    expect(t.callLink.state).toBe('failed');
  });

  it('a TURN server refusing credentials fails at once with its own reason, and is still re-dialled', async () => {
    const t = link(true);
    t.callLink.start();
    t.last().pc.candidateError(401);
    t.last().pc.gatheringDone();
    expect(t.states).toEqual([['failed', 'relay-refused']]);
    await vi.advanceTimersByTimeAsync(500);
    expect(t.dialed).toHaveLength(2);
    expect(t.callLink.state).toBe('failed');
    // New credentials (ICE refresh) let a later call through.
    t.last().pc.setIce('connected');
    expect(t.callLink.state).toBe('connected');
  });

  it('when the reconnect policy stops, the link says failed at once and keeps trying every 30 s', async () => {
    const t = link(true, { policy: createBackoffPolicy({ maxAttempts: 1 }) });
    t.callLink.start();
    t.last().pc.setIce('connected');
    t.last().emit('close');
    expect(t.callLink.state).toBe('reconnecting');
    await vi.advanceTimersByTimeAsync(500);
    t.last().emit('close');
    expect(t.states.at(-1)).toEqual(['failed', 'timeout']);
    await vi.advanceTimersByTimeAsync(29_999);
    expect(t.dialed).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(t.dialed).toHaveLength(3);
  });

  it('a dropped call shows reconnecting and is placed again: 0.5 s, then 1 s, 2 s …', async () => {
    const t = link(true);
    t.callLink.start();
    t.last().emit('stream', { id: 'remote-1' });
    t.last().pc.setIce('connected');
    t.last().emit('close');
    expect(t.callLink.state).toBe('reconnecting');
    expect(t.streams).toEqual(['remote-1', null]);
    await vi.advanceTimersByTimeAsync(499);
    expect(t.dialed).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(t.dialed).toHaveLength(2);
    t.last().emit('close');
    await vi.advanceTimersByTimeAsync(999);
    expect(t.dialed).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(t.dialed).toHaveLength(3);
    t.last().pc.setIce('connected');
    expect(t.callLink.state).toBe('connected');
    // Connected again: the backoff starts over.
    t.last().emit('close');
    await vi.advanceTimersByTimeAsync(500);
    expect(t.dialed).toHaveLength(4);
  });

  it('ICE "disconnected" shows reconnecting and recovers without a new call', () => {
    const t = link(true);
    t.callLink.start();
    t.last().pc.setIce('connected');
    t.last().pc.setIce('disconnected');
    expect(t.callLink.state).toBe('reconnecting');
    t.last().pc.setIce('connected');
    expect(t.callLink.state).toBe('connected');
    expect(t.dialed).toHaveLength(1);
  });

  it('while our Peer is offline a retry waits, and dials as soon as the Peer is back', async () => {
    const t = link(true);
    t.callLink.start();
    t.last().pc.setIce('connected');
    t.setPeerOpen(false);
    t.last().emit('close');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(t.dialed).toHaveLength(1);
    t.setPeerOpen(true);
    t.callLink.resume();
    expect(t.dialed).toHaveLength(2);
  });

  it('the answering side answers with local media, and says failed only if no new call connects within a minute', async () => {
    const t = link(false);
    t.callLink.start();
    expect(t.dialed).toHaveLength(0);
    const incoming = new FakeCall('bob', false);
    t.callLink.accept(incoming);
    expect(incoming.answered).toEqual({ id: 'local' });
    incoming.pc.setIce('connected');
    incoming.emit('close');
    expect(t.callLink.state).toBe('reconnecting');
    // The other side's new call arrives but does not connect either: still reconnecting, within the minute.
    await vi.advanceTimersByTimeAsync(20_000);
    const stuck = new FakeCall('bob', false);
    t.callLink.accept(stuck);
    await vi.advanceTimersByTimeAsync(39_999);
    expect(t.callLink.state).toBe('reconnecting');
    await vi.advanceTimersByTimeAsync(1);
    expect(t.states.at(-1)).toEqual(['failed', 'timeout']);
    expect(t.dialed).toHaveLength(0);
    const again = new FakeCall('bob', false);
    t.callLink.accept(again);
    again.pc.setIce('connected');
    expect(t.callLink.state).toBe('connected');
  });

  it('a newer call replaces the current one; the old one closing changes nothing', () => {
    const t = link(false);
    const first = new FakeCall('bob', false);
    t.callLink.accept(first);
    first.pc.setIce('connected');
    const second = new FakeCall('bob', false);
    t.callLink.accept(second);
    expect(first.closed).toBe(true);
    first.emit('close');
    first.emit('stream', { id: 'stale' });
    expect(t.streams).toEqual([]);
    second.pc.setIce('connected');
    expect(t.callLink.state).toBe('connected');
  });

  it('closing the link ends the call and every timer: nothing is dialled afterwards', async () => {
    const t = link(true);
    t.callLink.start();
    t.last().emit('close');
    t.callLink.close();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(t.dialed).toHaveLength(1);
    const late = new FakeCall('bob', false);
    t.callLink.accept(late);
    expect(late.closed).toBe(true);
  });
});

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { JanusNoAnswer, type JanusConnection, type JanusMessage } from '../../src/renderer/call/janusConnection.js';
import type { FeedStream } from '../../src/renderer/call/sfuFeeds.js';
import { SfuSubscriber, SubscriptionLost, type ReceivedTrack } from '../../src/renderer/call/sfuSubscriber.js';

/**
 * jsdom has no WebRTC: a stand-in for the connection SfuSubscriber answers offers on, and for Janus's side of the
 * VideoRoom protocol as Janus 1.x speaks it. Real subscriptions through Janus are in Chromium
 * (e2e/browser/sfuMeeting.spec.ts).
 */
class FakePeerConnection {
  readonly offers: string[] = [];
  addEventListener() {}
  getTransceivers() {
    return [];
  }
  setRemoteDescription(description: RTCSessionDescriptionInit) {
    this.offers.push(description.sdp ?? '');
    return Promise.resolve();
  }
  createAnswer() {
    return Promise.resolve({ type: 'answer' as const, sdp: `answer to ${this.offers.at(-1)}` });
  }
  setLocalDescription() {
    return Promise.resolve();
  }
  close() {}
}

type Reply = { data: Record<string, unknown>; jsep?: JanusMessage['jsep'] };

/** Janus's VideoRoom for one subscriber handle: it renegotiates by itself, and holds updates while an offer waits. */
class FakeJanus {
  readonly sent: { body: Record<string, unknown>; jsep?: RTCSessionDescriptionInit }[] = [];
  private onEvent: ((message: JanusMessage) => void) | null = null;
  private waiting = false;
  private postponed = false;
  private offers = 0;
  /** Handles attached and detached so far. */
  attached = 0;
  readonly detached: number[] = [];
  /** The next join is refused as Janus refuses one naming a feed it no longer has. */
  refuseNextJoin = false;
  /** How the next update fails: refused as for a feed gone (nothing changed), or not answered in time. */
  failNextUpdate: 'refused' | 'unanswered' | null = null;
  /** The next `start` (our answer to Janus's offer) is not answered in time. */
  dropNextStart = false;

  /** What the subscriber receives, as Janus has it. */
  private subscribed: FeedStream[] = [];

  /** The streams of an `attached`/`updated` event, by their mid in the subscriber's connection. */
  private listed() {
    return this.subscribed.map((s, index) => ({ mid: String(index), type: 'video', feed_id: s.feed, feed_mid: s.mid }));
  }

  /** No offer of Janus's waits for an answer, and no update waits behind one. */
  get settled(): boolean {
    return !this.waiting && !this.postponed;
  }

  attach(_plugin: string, onEvent: (message: JanusMessage) => void): Promise<number> {
    this.onEvent = onEvent;
    this.attached += 1;
    return Promise.resolve(6 + this.attached);
  }

  detach(handle: number): void {
    this.detached.push(handle);
  }

  trickle() {}

  message(_handle: number, body: Record<string, unknown>, jsep?: RTCSessionDescriptionInit): Promise<Reply> {
    this.sent.push({ body, ...(jsep ? { jsep } : {}) });
    switch (body.request) {
      case 'join':
        if (this.refuseNextJoin) {
          this.refuseNextJoin = false;
          return Promise.reject(new Error('Janus error 428: No such feed (eve)'));
        }
        this.subscribed = [...((body.streams ?? []) as FeedStream[])];
        return Promise.resolve({ data: { videoroom: 'attached', streams: this.listed() }, jsep: this.offer() });
      case 'start':
        if (this.dropNextStart) {
          this.dropNextStart = false;
          return Promise.reject(new JanusNoAnswer('Janus did not answer message'));
        }
        this.waiting = false;
        if (this.postponed) {
          this.postponed = false;
          queueMicrotask(() => this.push());
        }
        return Promise.resolve({ data: { videoroom: 'event', started: 'ok' } });
      case 'update':
        if (this.failNextUpdate) {
          const failure = this.failNextUpdate;
          this.failNextUpdate = null;
          return Promise.reject(
            failure === 'refused'
              ? new Error('Janus error 428: No such feed (eve)')
              : new JanusNoAnswer('Janus did not answer message'),
          );
        }
        // Janus runs no update while its own offer waits for an answer: it sends that update's offer later.
        if (this.waiting) {
          this.postponed = true;
          return Promise.resolve({ data: { videoroom: 'updating' } });
        }
        this.subscribed = [
          ...this.subscribed.filter(
            (s) => !((body.unsubscribe ?? []) as FeedStream[]).some((u) => u.feed === s.feed && u.mid === s.mid),
          ),
          ...((body.subscribe ?? []) as FeedStream[]),
        ];
        return Promise.resolve({ data: { videoroom: 'updated', streams: this.listed() }, jsep: this.offer() });
      default:
        return Promise.resolve({ data: {} });
    }
  }

  /** A publisher the subscriber receives left: Janus renegotiates without being asked (its event sent now or later). */
  publisherLeft(): () => void {
    const event = this.event();
    return () => this.onEvent?.(event);
  }

  private push(): void {
    this.onEvent?.(this.event());
  }

  private event(): JanusMessage {
    const data = { videoroom: 'updated', streams: this.listed() };
    return { janus: 'event', sender: 7, plugindata: { plugin: 'janus.plugin.videoroom', data }, jsep: this.offer() };
  }

  private offer(): NonNullable<JanusMessage['jsep']> {
    this.waiting = true;
    this.offers += 1;
    return { type: 'offer', sdp: `offer ${this.offers}` };
  }
}

const feed = (id: string, mid: string) => ({ feed: id, mid });

function subscriber() {
  const janus = new FakeJanus();
  const reports: ReceivedTrack[][] = [];
  const sub = new SfuSubscriber({
    janus: janus as unknown as JanusConnection,
    room: 'r',
    token: 't',
    privateId: 1,
    config: {},
    onTracks: (tracks) => reports.push(tracks),
  });
  const starts = () => janus.sent.filter((m) => m.body.request === 'start').map((m) => m.jsep?.sdp);
  return { janus, sub, starts, pc: sub.pc as unknown as FakePeerConnection };
}

describe('SfuSubscriber', () => {
  beforeEach(() => vi.stubGlobal('RTCPeerConnection', FakePeerConnection));
  afterEach(() => vi.unstubAllGlobals());

  it('answers the offer Janus sends by itself when a publisher leaves', async () => {
    const { janus, sub, starts } = subscriber();
    await sub.set([feed('alice', '0'), feed('eve', '0')]);
    expect(starts()).toEqual(['answer to offer 1']);
    janus.publisherLeft()();
    await vi.waitFor(() => expect(starts()).toEqual(['answer to offer 1', 'answer to offer 2']));
  });

  it('after a refused join, the next subscription joins again on a new handle (an unjoined one takes no update)', async () => {
    const { janus, sub, starts } = subscriber();
    janus.refuseNextJoin = true;
    await expect(sub.set([feed('alice', '0'), feed('eve', '0')])).rejects.toThrow(/428/);
    expect(janus.detached).toEqual([7]);
    await sub.set([feed('alice', '0')]);
    expect(janus.sent.map((m) => m.body.request)).toEqual(['join', 'join', 'start']);
    expect(janus.attached).toBe(2);
    expect(starts()).toEqual(['answer to offer 1']);
  });

  it('after a publisher left, a screen shared later is still subscribed (the update Janus postponed is answered)', async () => {
    const { janus, sub, starts, pc } = subscriber();
    await sub.set([feed('alice', '0'), feed('eve', '0')]);
    // Eve leaves: our update crosses Janus's own offer, which arrives once Janus postponed the update.
    const janusOffers = janus.publisherLeft();
    const dropEve = sub.set([feed('alice', '0')]);
    janusOffers();
    await dropEve;
    await sub.set([feed('alice', '0'), feed('alice', '2')]);
    // Every offer Janus made, its own and those of our updates, was answered: none waits, so none holds the next.
    await vi.waitFor(() => expect(janus.settled).toBe(true));
    expect(starts()).toHaveLength(pc.offers.length);
    expect(janus.sent.filter((m) => m.body.request === 'update').at(-1)?.body).toEqual({
      request: 'update',
      subscribe: [feed('alice', '2')],
    });
    expect(pc.offers.length).toBeGreaterThanOrEqual(3);
  });

  it('a refused update changed nothing: the next one asks for the same change again', async () => {
    const { janus, sub } = subscriber();
    await sub.set([feed('alice', '0')]);
    janus.failNextUpdate = 'refused';
    await expect(sub.set([feed('alice', '0'), feed('eve', '0')])).rejects.toThrow(/428/);
    await sub.set([feed('alice', '0'), feed('eve', '0')]);
    const updates = janus.sent.filter((m) => m.body.request === 'update').map((m) => m.body);
    expect(updates).toEqual([
      { request: 'update', subscribe: [feed('eve', '0')] },
      { request: 'update', subscribe: [feed('eve', '0')] },
    ]);
  });

  it('an update Janus never answered: the subscription is lost, and nothing more is asked on it', async () => {
    const { janus, sub } = subscriber();
    await sub.set([feed('alice', '0'), feed('eve', '0')]);
    janus.failNextUpdate = 'unanswered';
    // Janus may have dropped Eve or not: a later change computed from either guess could be wrong.
    await expect(sub.set([feed('alice', '0')])).rejects.toBeInstanceOf(SubscriptionLost);
    const sent = janus.sent.length;
    await expect(sub.set([feed('alice', '0'), feed('bob', '0')])).rejects.toBeInstanceOf(SubscriptionLost);
    expect(janus.sent).toHaveLength(sent);
  });

  it('an update Janus made but whose offer our answer never settled: lost too (later updates would wait behind it)', async () => {
    const { janus, sub } = subscriber();
    await sub.set([feed('alice', '0')]);
    janus.dropNextStart = true;
    await expect(sub.set([feed('alice', '0'), feed('eve', '0')])).rejects.toBeInstanceOf(SubscriptionLost);
    const sent = janus.sent.length;
    await expect(sub.set([feed('alice', '0')])).rejects.toBeInstanceOf(SubscriptionLost);
    await sub.setLayer('alice', '0', 0);
    expect(janus.sent).toHaveLength(sent);
  });

  it('asks for a camera layer on a subscription that holds that camera', async () => {
    const { janus, sub } = subscriber();
    await sub.set([feed('alice', '0')]);
    await sub.setLayer('alice', '0', 0);
    expect(janus.sent.at(-1)?.body).toEqual({ request: 'configure', streams: [{ mid: '0', substream: 0 }] });
  });

  it('closing lets go of its handle on Janus', async () => {
    const { janus, sub } = subscriber();
    await sub.set([feed('alice', '0')]);
    sub.close();
    expect(janus.detached).toEqual([7]);
  });

  it('an offer Janus sent by itself that our answer never settled: the next change finds the subscription lost', async () => {
    const { janus, sub } = subscriber();
    await sub.set([feed('alice', '0'), feed('eve', '0')]);
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    janus.dropNextStart = true;
    janus.publisherLeft()();
    await expect(sub.set([feed('alice', '0')])).rejects.toBeInstanceOf(SubscriptionLost);
  });
});

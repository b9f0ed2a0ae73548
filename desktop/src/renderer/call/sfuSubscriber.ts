import { JANUS_VIDEOROOM_PLUGIN } from '@wava/protocol';
import { drop } from '../util/drop.js';
import { SerialQueue } from '../util/serialQueue.js';
import { JanusNoAnswer, type JanusConnection, type JanusMessage } from './janusConnection.js';
import { subscribedStreamSchema, subscriptionChanges, type FeedStream, type SubscribedStream } from './sfuFeeds.js';
import type { Substream } from './simulcastLayer.js';

/** A track we receive through the SFU: whose (publisher id) and which of their streams (mid in their upload). */
export interface ReceivedTrack {
  feed: string;
  feedMid: string;
  track: MediaStreamTrack;
}

/**
 * Janus did not answer a change to our subscription (it may have made it, or not: a change computed from what we
 * asked before could subscribe a stream twice or drop one we need), or made it and its offer could not be answered
 * (every later change would wait behind it). Nothing more is asked on this subscription; its owner replaces it with
 * a new SfuSubscriber (sfuMedia.ts).
 */
export class SubscriptionLost extends Error {
  override readonly name = 'SubscriptionLost';
}

export interface SfuSubscriberOptions {
  janus: JanusConnection;
  room: string;
  token: string;
  /** Our publisher's private id: the room requires it on subscriptions. */
  privateId: number | undefined;
  config: RTCConfiguration;
  /** The tracks we receive changed (after each negotiation). */
  onTracks(tracks: ReceivedTrack[]): void;
}

/**
 * Everything we receive from the SFU, on one connection (VideoRoom multistream): a subscriber handle joined with
 * the streams we want, changed with `update`, and each camera's simulcast layer picked with `configure`.
 */
export class SfuSubscriber {
  readonly pc: RTCPeerConnection;
  private handle: number | null = null;
  private current: FeedStream[] = [];
  /** An `update` left unanswered, or its offer not answered: this subscription is done with (SubscriptionLost). */
  private lost = false;
  /** Our subscription's streams by their mid in our connection. */
  private streams = new Map<string, SubscribedStream>();
  private readonly layers = new Map<string, Substream>();
  /** One change to the subscription at a time. */
  private readonly queue = new SerialQueue();

  constructor(private readonly options: SfuSubscriberOptions) {
    this.pc = new RTCPeerConnection(options.config);
    this.pc.addEventListener('track', () => this.report());
    this.pc.addEventListener('icecandidate', (event) => {
      if (this.handle !== null) options.janus.trickle(this.handle, event.candidate?.toJSON() ?? null);
    });
  }

  /** Subscribes to exactly `wanted` (joining on the first call with something to receive). */
  set(wanted: FeedStream[]): Promise<void> {
    return this.queue.run(async () => {
      const { janus, room, token, privateId } = this.options;
      if (this.lost) throw new SubscriptionLost('the SFU did not answer an earlier subscription change');
      if (this.handle === null) {
        if (wanted.length === 0) return;
        const handle = await janus.attach(JANUS_VIDEOROOM_PLUGIN, (message) => this.onEvent(message));
        this.handle = handle;
        const body = { request: 'join', ptype: 'subscriber', room, token, private_id: privateId, streams: wanted };
        try {
          await this.answer(await janus.message(handle, body));
        } catch (error) {
          // Refused (a feed gone before our join arrived: 428) or not answered: the next call joins afresh, as a
          // handle that never joined takes no `update` (424).
          this.handle = null;
          janus.detach(handle);
          throw error;
        }
        this.current = wanted;
        return;
      }
      const changes = subscriptionChanges(this.current, wanted);
      if (changes.subscribe.length === 0 && changes.unsubscribe.length === 0) return;
      const body = {
        request: 'update',
        ...(changes.subscribe.length ? { subscribe: changes.subscribe } : {}),
        ...(changes.unsubscribe.length ? { unsubscribe: changes.unsubscribe } : {}),
      };
      let reply;
      try {
        reply = await janus.message(this.handle, body);
      } catch (error) {
        // Refused (Janus changed nothing: `current` stays true) or not answered (unknown from now on).
        if (!(error instanceof JanusNoAnswer)) throw error;
        this.lost = true;
        throw new SubscriptionLost(error.message);
      }
      // Janus made the change. Its offer left unanswered (our `start` not answered, or the offer not applied)
      // would hold every later update back: lost too.
      this.current = wanted;
      try {
        await this.answer(reply);
      } catch (error) {
        this.lost = true;
        throw new SubscriptionLost(error instanceof Error ? error.message : String(error));
      }
    });
  }

  /** Asks for the simulcast layer of a publisher's camera (its stream `feedMid`) that fits its tile. */
  setLayer(feed: string, feedMid: string, substream: Substream): Promise<void> {
    return this.queue.run(async () => {
      const key = `${feed}\u0000${feedMid}`;
      if (this.handle === null || this.lost || this.layers.get(key) === substream) return;
      const mids = [...this.streams.values()].filter((s) => s.feed_id === feed && s.feed_mid === feedMid);
      if (mids.length === 0) return;
      this.layers.set(key, substream);
      const streams = mids.map((s) => ({ mid: s.mid, substream }));
      await this.options.janus.message(this.handle, { request: 'configure', streams });
    });
  }

  /** Closes our connection and lets go of the handle (a lost subscription is replaced by a new SfuSubscriber). */
  close(): void {
    this.pc.close();
    if (this.handle !== null) this.options.janus.detach(this.handle);
    this.handle = null;
  }

  /**
   * Janus renegotiates our subscription on its own too: when a publisher we receive leaves, and when it runs an
   * `update` it postponed (it takes none while an offer of its own waits for our answer). Each such offer is
   * answered in turn with our own requests; one left unanswered would hold every later `update` back, so one that
   * cannot be answered loses the subscription (the next change says so: SubscriptionLost).
   */
  private onEvent(message: JanusMessage): void {
    const { jsep } = message;
    if (jsep?.type !== 'offer') return;
    const data = message.plugindata?.data ?? {};
    const answered = this.queue.run(() =>
      this.answer({ data, jsep }).catch((error: unknown) => {
        this.lost = true;
        throw error;
      }),
    );
    drop(answered);
  }

  /** Janus's `attached`/`updated` event: our streams, and an offer to answer with `start`. */
  private async answer(reply: { data: Record<string, unknown>; jsep?: { type: 'offer' | 'answer'; sdp: string } }) {
    const listed = subscribedStreamSchema.array().safeParse(reply.data.streams);
    if (listed.success) this.streams = new Map(listed.data.map((s) => [s.mid, s]));
    if (!reply.jsep || reply.jsep.type !== 'offer' || this.handle === null) return;
    await this.pc.setRemoteDescription(reply.jsep);
    const answer = await this.pc.createAnswer();
    await this.pc.setLocalDescription(answer);
    await this.options.janus.message(this.handle, { request: 'start' }, answer);
    // A layer asked for earlier applies to the feed's new subscription too.
    this.layers.clear();
    this.report();
  }

  private report(): void {
    const tracks: ReceivedTrack[] = [];
    for (const transceiver of this.pc.getTransceivers()) {
      const stream = transceiver.mid ? this.streams.get(transceiver.mid) : undefined;
      if (!stream?.feed_id || !stream.feed_mid || stream.active === false) continue;
      if (transceiver.currentDirection === 'inactive' || transceiver.currentDirection === 'stopped') continue;
      tracks.push({ feed: stream.feed_id, feedMid: stream.feed_mid, track: transceiver.receiver.track });
    }
    this.options.onTracks(tracks);
  }
}

import { JANUS_VIDEOROOM_PLUGIN, type SfuMode } from '@wava/protocol';
import { drop } from '../util/drop.js';
import { Emitter, type Unsubscribe } from '../util/emitter.js';
import type { Logger } from '../util/logger.js';
import { JanusConnection, type JanusClose, type JanusMessage } from './janusConnection.js';
import { lastNSelection, spoke } from './lastNSelection.js';
import { missingFeed } from './missingFeed.js';
import { publishersGone } from './publishersGone.js';
import { createBackoffPolicy } from './reconnectPolicy.js';
import { RetryTimer } from './retryTimer.js';
import { publisherSchema, publisherTalking, streamRole, wantedStreams, type Publisher } from './sfuFeeds.js';
import { setIceServers } from './setIceServers.js';
import { SfuPublisher } from './sfuPublisher.js';
import { SfuSubscriber, SubscriptionLost, type ReceivedTrack } from './sfuSubscriber.js';
import { substreamForTile, type Substream } from './simulcastLayer.js';
import type { StreamKind } from './streamKind.js';

export interface SfuMediaEvents {
  /** A person's camera (with their voice) or screen as received through the SFU; null when it ended. */
  stream: { peerId: string; kind: StreamKind; stream: MediaStream | null };
  /** Media from this person first arrived through the SFU: a mesh call to them can end. */
  flowing: string;
  /** Our connections to the SFU: up, or interrupted (ICE lost) and perhaps coming back. */
  connection: 'connected' | 'reconnecting';
  /** The session is over: Janus closed (with the `/sfu` proxy's close code and reason) or could not be set up. */
  ended: JanusClose | { code: 0; reason: string };
  /** Janus says this person started or stopped talking (VideoRoom's talking events; never about ourselves). */
  talking: { peerId: string; talking: boolean };
}

export interface SfuMediaOptions {
  mode: SfuMode;
  config: RTCConfiguration;
  displayName: string;
  /** What we publish: the microphone and camera (or placeholders). */
  send: MediaStream;
  /** Our screen share, if any, when publishing starts. */
  screen: MediaStream | null;
  pinned: ReadonlySet<string>;
  logger: Logger;
}

/** What MeetingSfu uses of one SFU session (a test supplies its own: WebRTC does not run in Node). */
export type SfuSession = Pick<
  SfuMedia,
  'on' | 'start' | 'stream' | 'stop' | 'replaceTrack' | 'setScreen' | 'setTileWidth' | 'applyIce' | 'mode' | 'isFlowing'
>;

/**
 * How long a failed SFU subscription waits before it is asked for again: 1 s, then 2, 4, 8, 16 and 30 s while it
 * keeps failing (a Janus that refuses every request is not asked every second).
 */
export const SUBSCRIPTION_BACKOFF = createBackoffPolicy({ initialMs: 1_000 });

/**
 * One meeting's media through Janus's VideoRoom with one set of credentials (`meeting:mode` sfu): publish once
 * (camera with simulcast, microphone, screen while sharing), receive everyone's audio and screen and the camera
 * of the last-N speakers plus the pinned, each at the layer its tile needs. A new generation or url is a new
 * SfuMedia; `ended` says when this one is over.
 */
export class SfuMedia {
  private readonly emitter = new Emitter<SfuMediaEvents>();
  private janus: JanusConnection | null = null;
  private publisher: SfuPublisher | null = null;
  private subscriber: SfuSubscriber | null = null;
  private readonly publishers = new Map<string, Publisher>();
  private speakers: string[] = [];
  private readonly tileWidths = new Map<string, number>();
  private readonly streams = new Map<string, MediaStream>();
  private readonly flowing = new Set<string>();
  private stopped = false;
  /** A failed subscription is asked for again, backing off while it keeps failing. */
  private readonly subscriptionRetry = new RetryTimer(SUBSCRIPTION_BACKOFF);
  /** A subscription change is being made; another was asked for meanwhile. */
  private subscribing = false;
  private subscribeAgain = false;
  /** Our publisher's private id, which the room requires on subscriptions. */
  private privateId: number | undefined;

  constructor(private readonly options: SfuMediaOptions) {}

  on<K extends keyof SfuMediaEvents>(event: K, listener: (payload: SfuMediaEvents[K]) => void): Unsubscribe {
    return this.emitter.on(event, listener);
  }

  get mode(): SfuMode {
    return this.options.mode;
  }

  /** Connects, joins as publisher, publishes and subscribes. Failure ends the session (`ended`). */
  async start(): Promise<void> {
    const { mode, config, send, screen, displayName } = this.options;
    try {
      const janus = await JanusConnection.open(mode.url, mode.token, (close) => this.end(close));
      if (this.stopped) return janus.close();
      this.janus = janus;
      const handle = await janus.attach(JANUS_VIDEOROOM_PLUGIN, (message) => this.onRoomEvent(message));
      const joined = await janus.message(handle, {
        request: 'join',
        ptype: 'publisher',
        room: mode.room,
        id: mode.publisherId,
        display: displayName,
        token: mode.token,
      });
      if (this.stopped) return;
      this.publisher = new SfuPublisher(janus, handle, config, send);
      this.watch(this.publisher.pc);
      this.privateId = typeof joined.data.private_id === 'number' ? joined.data.private_id : undefined;
      this.subscriber = this.newSubscriber(janus);
      this.addPublishers(joined.data.publishers);
      await this.publisher.publish(screen);
      await this.resubscribe();
    } catch (error) {
      this.options.logger.warn('SFU session failed', error);
      this.end({ code: 0, reason: error instanceof Error ? error.message : String(error) });
    }
  }

  stream(peerId: string, kind: StreamKind): MediaStream | null {
    return this.streams.get(`${kind}\u0000${peerId}`) ?? null;
  }

  /** True once media from this person arrived through the SFU. */
  isFlowing(peerId: string): boolean {
    return this.flowing.has(peerId);
  }

  replaceTrack(kind: 'audio' | 'video', track: MediaStreamTrack | null): void {
    if (this.publisher) drop(this.publisher.replaceTrack(kind, track));
  }

  setScreen(stream: MediaStream | null): void {
    this.options.screen = stream;
    if (this.publisher) drop(this.publisher.setScreen(stream).catch((e) => this.options.logger.warn('screen', e)));
  }

  /** A tile's width in CSS pixels: its camera is received at the layer that fits. */
  setTileWidth(peerId: string, width: number): void {
    this.tileWidths.set(peerId, width);
    this.applyLayer(peerId);
  }

  applyIce(config: RTCConfiguration): void {
    for (const pc of [this.publisher?.pc, this.subscriber?.pc]) {
      if (pc) setIceServers(pc, config, this.options.logger, 'the SFU');
    }
  }

  /** Leaves Janus (closing the websocket ends our session and handles there). No event follows. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.subscriptionRetry.cancel();
    this.emitter.clear();
    this.publisher?.close();
    this.subscriber?.close();
    this.janus?.close();
  }

  private end(close: SfuMediaEvents['ended']): void {
    if (this.stopped) return;
    this.emitter.emit('ended', close);
    this.stop();
  }

  private newSubscriber(janus: JanusConnection): SfuSubscriber {
    const { mode, config } = this.options;
    const subscriber = new SfuSubscriber({
      janus,
      room: mode.room,
      token: mode.token,
      privateId: this.privateId,
      config,
      onTracks: (tracks) => {
        if (this.subscriber === subscriber) this.received(tracks);
      },
    });
    this.watch(subscriber.pc);
    return subscriber;
  }

  private watch(pc: RTCPeerConnection): void {
    pc.addEventListener('connectionstatechange', () => {
      if (this.stopped) return;
      if (pc.connectionState === 'connected') this.emitter.emit('connection', 'connected');
      else if (pc.connectionState === 'disconnected') this.emitter.emit('connection', 'reconnecting');
      else if (pc.connectionState === 'failed') this.end({ code: 0, reason: 'ICE to the SFU failed' });
    });
  }

  /**
   * Events of our publisher handle: who publishes what, who left, who talks (`talking` / `stopped-talking`, sent to
   * every publisher of the room, the talker included: the room's `audiolevel_event`).
   */
  private onRoomEvent(message: JanusMessage): void {
    const data = message.plugindata?.data;
    if (!data || this.stopped) return;
    if ((data.videoroom === 'talking' || data.videoroom === 'stopped-talking') && typeof data.id === 'string') {
      const talking = data.videoroom === 'talking';
      if (data.id !== this.options.mode.publisherId) this.emitter.emit('talking', { peerId: data.id, talking });
      if (talking) {
        this.speakers = spoke(this.speakers, data.id);
        drop(this.resubscribe());
      }
      return;
    }
    if (data.videoroom !== 'event') return;
    if (data.publishers) this.addPublishers(data.publishers);
    for (const gone of publishersGone(data)) if (this.publishers.delete(gone)) this.forget(gone);
    drop(this.resubscribe());
  }

  private addPublishers(list: unknown): void {
    const parsed = publisherSchema.array().safeParse(list);
    if (!parsed.success) return;
    for (const publisher of parsed.data) {
      if (publisher.id === this.options.mode.publisherId) continue;
      this.publishers.set(publisher.id, publisher);
      // Janus sends `talking` only when it changes: who already talks when we join comes in the list.
      const talking = publisherTalking(publisher);
      if (talking !== null) this.emitter.emit('talking', { peerId: publisher.id, talking });
      if (talking) this.speakers = spoke(this.speakers, publisher.id);
    }
  }

  /**
   * Receives what we want now. Changes asked for while one is being made are coalesced into one more, computed
   * when it starts: against a Janus slow to answer, requests do not pile up behind each other.
   */
  private async resubscribe(): Promise<void> {
    if (this.subscribing) {
      this.subscribeAgain = true;
      return;
    }
    this.subscribing = true;
    try {
      do {
        this.subscribeAgain = false;
        await this.subscribeOnce();
      } while (this.subscribeAgain && !this.stopped);
    } finally {
      this.subscribing = false;
    }
  }

  private async subscribeOnce(): Promise<void> {
    if (!this.subscriber || this.stopped) return;
    const cameras = lastNSelection({
      publishers: [...this.publishers.keys()],
      speakers: this.speakers,
      pinned: this.options.pinned,
      lastN: this.options.mode.lastN,
    });
    try {
      await this.subscriber.set(wantedStreams(this.publishers, cameras));
      this.subscriptionRetry.reset();
      for (const peerId of this.publishers.keys()) this.applyLayer(peerId);
    } catch (error) {
      if (this.stopped) return;
      this.options.logger.warn('SFU subscription failed', error);
      if (error instanceof SubscriptionLost && this.janus) {
        // What we receive is unknown: a new subscription from scratch (our publishing goes on), asked for with the
        // same backoff as any failed one, so a Janus that keeps not answering is not asked ever faster.
        this.subscriber?.close();
        this.subscriber = this.newSubscriber(this.janus);
      }
      // A feed Janus no longer has (its news not here yet, or lost): without it, the rest can be received now.
      const gone = missingFeed(error);
      if (gone !== null && this.publishers.delete(gone)) this.forget(gone);
      // Once, however many subscriptions failed meanwhile.
      this.subscriptionRetry.schedule(() => drop(this.resubscribe()), gone !== null ? 0 : null);
    }
  }

  private applyLayer(peerId: string): void {
    const width = this.tileWidths.get(peerId);
    const camera = this.publishers.get(peerId)?.streams.find((s) => streamRole(s) === 'camera');
    if (width === undefined || !camera || !this.subscriber) return;
    const substream: Substream = substreamForTile(width, window.devicePixelRatio || 1);
    drop(this.subscriber.setLayer(peerId, camera.mid, substream).catch(() => undefined));
  }

  /** The tracks we receive, grouped per person into a camera stream (with their voice) and a screen stream. */
  private received(tracks: ReceivedTrack[]): void {
    const grouped = new Map<string, MediaStreamTrack[]>();
    for (const { feed, feedMid, track } of tracks) {
      const stream = this.publishers.get(feed)?.streams.find((s) => s.mid === feedMid);
      const role = stream ? streamRole(stream) : null;
      if (!role) continue;
      const kind: StreamKind = role === 'screen' ? 'screen' : 'camera';
      const key = `${kind}\u0000${feed}`;
      grouped.set(key, [...(grouped.get(key) ?? []), track]);
      this.watchFlow(feed, track);
    }
    for (const key of new Set([...this.streams.keys(), ...grouped.keys()])) {
      const [kind, peerId] = key.split('\u0000') as [StreamKind, string];
      const next = grouped.get(key) ?? [];
      const held = this.streams.get(key);
      const same = held && sameTracks(held.getTracks(), next);
      if (same) continue;
      if (next.length === 0) {
        this.streams.delete(key);
        this.emitter.emit('stream', { peerId, kind, stream: null });
      } else {
        const stream = new MediaStream(next);
        this.streams.set(key, stream);
        this.emitter.emit('stream', { peerId, kind, stream });
      }
    }
  }

  /** The first packets of a person's track: their media flows through the SFU. */
  private watchFlow(peerId: string, track: MediaStreamTrack): void {
    if (this.flowing.has(peerId)) return;
    const flows = () => {
      if (this.flowing.has(peerId) || this.stopped) return;
      this.flowing.add(peerId);
      this.emitter.emit('flowing', peerId);
    };
    if (!track.muted) flows();
    else track.addEventListener('unmute', flows, { once: true });
  }

  private forget(peerId: string): void {
    this.flowing.delete(peerId);
    // Janus sends no stopped-talking for someone who leaves while talking.
    this.emitter.emit('talking', { peerId, talking: false });
    for (const kind of ['camera', 'screen'] as const) {
      if (this.streams.delete(`${kind}\u0000${peerId}`)) this.emitter.emit('stream', { peerId, kind, stream: null });
    }
  }
}

function sameTracks(a: MediaStreamTrack[], b: MediaStreamTrack[]): boolean {
  return a.length === b.length && a.every((track) => b.includes(track));
}

import wrtc from '@roamhq/wrtc';
import { JANUS_VIDEOROOM_PLUGIN, type SfuMode } from '@wava/protocol';
import { subscriptionChanges } from '../../desktop/src/renderer/call/sfuFeeds.js';
import { JANUS_PROTOCOL, openJanusSocket, type JanusMessage } from '../../signaling-server/src/sfu/openJanusSocket.js';

const { RTCPeerConnection, nonstandard } = wrtc;

/** Small synthetic frames keep many simulated people within two cores. */
export const SIMULATED_VIDEO = { width: 160, height: 120, fps: 15 } as const;
const AUDIO_FRAME = { sampleRate: 48_000, samples: 480 } as const; // 10 ms of 48 kHz mono
/** 10 ms of a 1 kHz tone (ten whole periods, so it repeats seamlessly): never silence, which Opus barely sends. */
const TONE = Int16Array.from({ length: AUDIO_FRAME.samples }, (_, i) =>
  Math.round(3000 * Math.sin((2 * Math.PI * 1000 * i) / AUDIO_FRAME.sampleRate)),
);

/** Bytes and packets one peer connection carried so far, per kind (outbound for a publisher, inbound for a subscriber). */
export interface FlowStats {
  audio: { bytes: number; packets: number };
  video: { bytes: number; packets: number };
}

/** A publisher stream as Janus lists it. */
export interface FeedStream {
  feed: string;
  mid: string;
  type: 'audio' | 'video';
}

/**
 * One simulated person in a meeting's SFU room, over Node WebRTC (@roamhq/wrtc) and the seat's `meeting:mode`
 * credentials, doing what signaling-server/README.md's "What a client does on {mode: 'sfu'}" says: a session with
 * the seat's token, a publisher handle that publishes a synthetic camera (I420 frames) and microphone (a tone
 * at 48 kHz), and a subscriber handle for others' streams. No trickle: offers and answers carry every candidate.
 */
export interface SimulatedSfuParticipant {
  readonly publisherId: string;
  /** Joins as publisher and publishes audio and a `camera` video; resolves once Janus answered. */
  publish(): Promise<void>;
  /** The streams of the others publishing now (from the publisher handle's join answer and events). */
  feeds(): FeedStream[];
  /**
   * Receives exactly these streams: the first call joins a subscriber handle (one peer connection), later ones
   * change it with `update` (signaling-server/README.md step 4); resolves once Janus's offer is answered. Janus's
   * own offers (a publisher received left) are answered too, in turn with these.
   */
  subscribe(streams: readonly FeedStream[]): Promise<void>;
  /** What the publisher connection sent so far. */
  sent(): Promise<FlowStats>;
  /** What the subscription received so far. */
  received(): Promise<FlowStats>;
  /** The Janus websocket closed (credentials revoked, or Janus gone). */
  disconnected(): boolean;
  close(): void;
}

export async function joinSfuAsSimulated(mode: SfuMode, url = mode.url): Promise<SimulatedSfuParticipant> {
  const janus = await openJanusSocket(url, JANUS_PROTOCOL);
  const token = mode.token;
  const session = await janus.request({ janus: 'create', token });
  const sessionId = Number(session.data?.id);
  // A keepalive Janus is slow to answer (a busy machine) is no failure: the next one follows in 25 s.
  const keepalive = setInterval(
    () => void janus.request({ janus: 'keepalive', session_id: sessionId, token }).catch(() => undefined),
    25_000,
  );
  const timers: NodeJS.Timeout[] = [keepalive];
  const connections: InstanceType<typeof RTCPeerConnection>[] = [];
  const others = new Map<string, FeedStream[]>();
  let privateId: number | undefined;
  let publisher: RTCPeerConnection | null = null;
  /** One subscriber handle and connection for the participant's life, changed with `update`. */
  let subscription: { handleId: number; pc: RTCPeerConnection; current: { feed: string; mid: string }[] } | null = null;
  /** Subscription changes and Janus's own offers, one at a time (Janus holds an update behind its open offer). */
  let queue: Promise<void> = Promise.resolve();
  const enqueue = (run: () => Promise<void>): Promise<void> => {
    const next = queue.then(run, run);
    queue = next.catch(() => undefined);
    return next;
  };

  const attach = async () =>
    Number(
      (await janus.request({ janus: 'attach', session_id: sessionId, plugin: JANUS_VIDEOROOM_PLUGIN, token })).data?.id,
    );
  const message = (handleId: number, body: Record<string, unknown>, jsep?: RTCSessionDescriptionInit) =>
    janus.request(
      { janus: 'message', session_id: sessionId, handle_id: handleId, body, token, ...(jsep ? { jsep } : {}) },
      { awaitEvent: true, timeoutMs: 20_000 },
    );

  function noteFeeds(publishers: unknown): void {
    if (!Array.isArray(publishers)) return;
    for (const p of publishers as { id?: unknown; streams?: { mid?: unknown; type?: unknown }[] }[]) {
      if (typeof p.id !== 'string' || p.id === mode.publisherId || !Array.isArray(p.streams)) continue;
      const feed = p.id;
      others.set(
        feed,
        p.streams.flatMap((s) =>
          typeof s.mid === 'string' && (s.type === 'audio' || s.type === 'video')
            ? [{ feed, mid: s.mid, type: s.type }]
            : [],
        ),
      );
    }
  }

  /** Janus's `attached`/`updated` answer with its offer: answered with `start` and our answer. */
  async function answer(reply: JanusMessage): Promise<void> {
    const jsep = (reply as { jsep?: RTCSessionDescriptionInit }).jsep;
    if (!subscription || jsep?.type !== 'offer') return;
    const { pc, handleId } = subscription;
    await pc.setRemoteDescription(jsep);
    await pc.setLocalDescription(await pc.createAnswer());
    await gathered(pc);
    await message(handleId, { request: 'start' }, pc.localDescription!);
  }

  function newConnection(): RTCPeerConnection {
    const pc = new RTCPeerConnection({ iceServers: [] });
    connections.push(pc);
    return pc;
  }

  return {
    publisherId: mode.publisherId,
    async publish() {
      const handleId = await attach();
      janus.onEvent((event) => {
        if (event.sender === handleId) noteFeeds(event.plugindata?.data.publishers);
      });
      const joined = await message(handleId, {
        request: 'join',
        ptype: 'publisher',
        room: mode.room,
        id: mode.publisherId,
        token,
      });
      privateId = Number(joined.plugindata?.data.private_id);
      noteFeeds(joined.plugindata?.data.publishers);

      const pc = (publisher = newConnection());
      const video = new nonstandard.RTCVideoSource();
      const audio = new nonstandard.RTCAudioSource();
      pc.addTransceiver(audio.createTrack(), { direction: 'sendonly' });
      const camera = pc.addTransceiver(video.createTrack(), { direction: 'sendonly' });
      const { width, height, fps } = SIMULATED_VIDEO;
      const frame = new Uint8Array(width * height * 1.5).fill(128);
      let tick = 0;
      timers.push(
        setInterval(() => {
          // A band of the picture moves each frame, so the encoder always has something to send (cheaply).
          tick += 1;
          const row = (tick * 4) % height;
          frame.fill(tick & 0xff, row * width, (row + 4) * width);
          video.onFrame({ width, height, data: frame });
        }, 1000 / fps),
      );
      timers.push(
        setInterval(
          () =>
            audio.onData({
              samples: TONE,
              sampleRate: AUDIO_FRAME.sampleRate,
              bitsPerSample: 16,
              channelCount: 1,
              numberOfFrames: AUDIO_FRAME.samples,
            }),
          10,
        ),
      );
      const offer = await pc.createOffer();
      await pc.setLocalDescription(offer);
      await gathered(pc);
      const answer = await message(
        handleId,
        { request: 'publish', descriptions: [{ mid: camera.mid, description: 'camera' }] },
        pc.localDescription!,
      );
      await pc.setRemoteDescription(answer.jsep as RTCSessionDescriptionInit);
    },
    feeds: () => [...others.values()].flat(),
    subscribe(streams) {
      return enqueue(async () => {
        const wanted = streams.map(({ feed, mid }) => ({ feed, mid }));
        if (subscription) {
          const changes = subscriptionChanges(subscription.current, wanted);
          if (changes.subscribe.length === 0 && changes.unsubscribe.length === 0) return;
          await answer(
            await message(subscription.handleId, {
              request: 'update',
              ...(changes.subscribe.length ? { subscribe: changes.subscribe } : {}),
              ...(changes.unsubscribe.length ? { unsubscribe: changes.unsubscribe } : {}),
            }),
          );
          subscription.current = wanted;
          return;
        }
        const handleId = await attach();
        subscription = { handleId, pc: newConnection(), current: wanted };
        janus.onEvent((event) => {
          // Janus's own offers (a publisher we receive left, or an update it had postponed): answered in turn.
          const jsep = (event as { jsep?: RTCSessionDescriptionInit }).jsep;
          if (event.sender === handleId && jsep?.type === 'offer')
            void enqueue(() => answer(event)).catch(() => undefined);
        });
        await answer(
          await message(handleId, {
            request: 'join',
            ptype: 'subscriber',
            room: mode.room,
            token,
            private_id: privateId,
            streams: wanted,
          }),
        );
      });
    },
    sent: () => flow(publisher, 'outbound-rtp'),
    received: () => flow(subscription?.pc ?? null, 'inbound-rtp'),
    disconnected: () => janus.closed,
    close() {
      for (const timer of timers) clearInterval(timer);
      for (const pc of connections) pc.close();
      janus.close();
    },
  };
}

/** Waits for ICE gathering to complete, so the SDP carries every candidate. */
function gathered(pc: RTCPeerConnection): Promise<void> {
  if (pc.iceGatheringState === 'complete') return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      if (pc.iceGatheringState === 'complete') resolve();
    };
    pc.addEventListener('icegatheringstatechange', done);
    pc.addEventListener('icecandidate', (event) => {
      if (!event.candidate) resolve();
    });
  });
}

async function flow(pc: RTCPeerConnection | null, type: 'outbound-rtp' | 'inbound-rtp'): Promise<FlowStats> {
  const out: FlowStats = { audio: { bytes: 0, packets: 0 }, video: { bytes: 0, packets: 0 } };
  if (!pc) return out;
  const report = await pc.getStats();
  report.forEach(
    (entry: {
      type: string;
      kind?: string;
      bytesSent?: number;
      bytesReceived?: number;
      packetsSent?: number;
      packetsReceived?: number;
    }) => {
      if (entry.type !== type || (entry.kind !== 'audio' && entry.kind !== 'video')) return;
      out[entry.kind].bytes += entry.bytesSent ?? entry.bytesReceived ?? 0;
      out[entry.kind].packets += entry.packetsSent ?? entry.packetsReceived ?? 0;
    },
  );
  return out;
}

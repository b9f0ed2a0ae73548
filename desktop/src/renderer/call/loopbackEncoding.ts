import { abortableDelay } from '../util/abortableDelay.js';
import { untilAborted } from '../util/untilAborted.js';

/** What a short send of a track to this same page showed. */
export interface LoopbackResult {
  /** The two connections reached each other (without that, nothing is encoded for any camera). */
  connected: boolean;
  /** Frames of the track the encoder produced. */
  framesEncoded: number;
  /** Frames the receiving connection decoded. */
  framesDecoded: number;
  /** The codec the sender encoded with (its stats' MIME type, e.g. 'video/H264'), or null before it said. */
  codec: string | null;
}

export interface LoopbackOptions {
  connectTimeoutMs?: number;
  windowMs?: number;
  /** Applied to the sender's offer before it is used (the codec check puts H.264 first: preferVideoCodec.ts). */
  sdpTransform?(sdp: string): string;
  /**
   * What ends the window early: a first frame encoded (the camera check; the default), or a first frame decoded
   * by the receiving connection (the codec check: the whole path works).
   */
  until?: 'encoded' | 'decoded';
}

/** How long the connections may take to reach each other before the answer is "cannot tell". */
export const LOOPBACK_CONNECT_TIMEOUT_MS = 5_000;
/**
 * How long a connected sender is given to encode a first frame. A camera that can be sent encodes within a few
 * hundred milliseconds; this leaves room for a busy machine, since a false alarm is worse than none.
 */
export const LOOPBACK_ENCODE_WINDOW_MS = 3_000;
const POLL_MS = 200;
/**
 * No ICE server, named explicitly: a browser uses its own default list only when the page names none (Firefox's
 * media.peerconnection.default_iceservers, which a distribution or an administrator may set).
 */
const LOCAL_ONLY: RTCConfiguration = { iceServers: [] };

/**
 * The ground truth on whether WebRTC encodes a camera: a clone of its track is sent from one RTCPeerConnection to
 * another in this page (no ICE servers: host candidates only, nothing leaves the machine), and the sender's
 * outbound-rtp `framesEncoded` (or with `until: 'decoded'`, the receiver's inbound-rtp `framesDecoded`) is read
 * until it moves or the window ends. Everything it opens is closed, at once when `signal` aborts (the camera
 * switched, turned off, the meeting ended: the answer is no longer wanted, and the clone's camera light goes off).
 * Null then, and where the browser has no RTCPeerConnection or the setup fails.
 */
export async function loopbackEncoding(
  track: MediaStreamTrack,
  signal: AbortSignal,
  {
    connectTimeoutMs = LOOPBACK_CONNECT_TIMEOUT_MS,
    windowMs = LOOPBACK_ENCODE_WINDOW_MS,
    sdpTransform,
    until = 'encoded',
  }: LoopbackOptions = {},
): Promise<LoopbackResult | null> {
  if (typeof RTCPeerConnection === 'undefined' || track.readyState !== 'live' || signal.aborted) return null;
  const opened: { clone?: MediaStreamTrack; sender?: RTCPeerConnection; receiver?: RTCPeerConnection } = {};
  const release = () => {
    opened.sender?.close();
    opened.receiver?.close();
    opened.clone?.stop();
  };
  signal.addEventListener('abort', release, { once: true });
  // Each step, or the abort: a closed connection may leave the step's promise unsettled.
  const step = async <T>(work: Promise<T>): Promise<T> => {
    const done = await untilAborted(work, signal);
    if (signal.aborted) throw signal.reason;
    return done as T;
  };
  try {
    const clone = (opened.clone = track.clone());
    const sender = (opened.sender = new RTCPeerConnection(LOCAL_ONLY));
    const receiver = (opened.receiver = new RTCPeerConnection(LOCAL_ONLY));
    sender.addEventListener('icecandidate', ({ candidate }) => addCandidate(receiver, candidate));
    receiver.addEventListener('icecandidate', ({ candidate }) => addCandidate(sender, candidate));
    sender.addTransceiver(clone, { direction: 'sendonly', streams: [new MediaStream([clone])] });
    if (sdpTransform) {
      const offer = await step(sender.createOffer());
      await step(sender.setLocalDescription({ type: 'offer', sdp: sdpTransform(offer.sdp ?? '') }));
    } else await step(sender.setLocalDescription());
    await step(receiver.setRemoteDescription(sender.localDescription as RTCSessionDescriptionInit));
    await step(receiver.setLocalDescription());
    await step(sender.setRemoteDescription(receiver.localDescription as RTCSessionDescriptionInit));
    const connected = await within(signal, connectTimeoutMs, async () => sender.connectionState === 'connected');
    if (signal.aborted) return null;
    if (!connected) return { connected: false, framesEncoded: 0, framesDecoded: 0, codec: null };
    let seen: Omit<LoopbackResult, 'connected'> = { framesEncoded: 0, framesDecoded: 0, codec: null };
    await within(signal, windowMs, async () => {
      seen = await step(videoFrames(sender, receiver));
      return (until === 'decoded' ? seen.framesDecoded : seen.framesEncoded) > 0;
    });
    return signal.aborted ? null : { connected: true, ...seen };
  } catch {
    return null;
  } finally {
    signal.removeEventListener('abort', release);
    release();
  }
}

function addCandidate(to: RTCPeerConnection, candidate: RTCIceCandidate | null): void {
  if (candidate && to.signalingState !== 'closed') void to.addIceCandidate(candidate).catch(() => undefined);
}

interface VideoReport {
  type: string;
  id: string;
  kind?: string;
  framesEncoded?: number;
  framesDecoded?: number;
  codecId?: string;
  mimeType?: string;
}

/**
 * Frames the video sender encoded, and with which codec, and frames the receiver decoded. (The sender's
 * media-source `frames` is no proof the camera delivered any: Chromium counts 0 for a depth camera's frames too.)
 */
async function videoFrames(
  sender: RTCPeerConnection,
  receiver: RTCPeerConnection,
): Promise<Omit<LoopbackResult, 'connected'>> {
  const [sent, received] = await Promise.all([sender.getStats(), receiver.getStats()]);
  let framesEncoded = 0;
  let framesDecoded = 0;
  let codecId: string | undefined;
  const mimeTypes = new Map<string, string>();
  sent.forEach((report: VideoReport) => {
    if (report.type === 'codec' && report.mimeType) mimeTypes.set(report.id, report.mimeType);
    if (report.type !== 'outbound-rtp' || report.kind !== 'video') return;
    framesEncoded += report.framesEncoded ?? 0;
    codecId = report.codecId ?? codecId;
  });
  received.forEach((report: VideoReport) => {
    if (report.type === 'inbound-rtp' && report.kind === 'video') framesDecoded += report.framesDecoded ?? 0;
  });
  return { framesEncoded, framesDecoded, codec: (codecId && mimeTypes.get(codecId)) || null };
}

/** Checks `done` every POLL_MS until it is true (true), or the time is up or `signal` aborts (false). */
async function within(signal: AbortSignal, timeoutMs: number, done: () => Promise<boolean>): Promise<boolean> {
  for (let waited = 0; !signal.aborted; waited += POLL_MS) {
    if (await done()) return true;
    if (waited >= timeoutMs) return false;
    await abortableDelay(POLL_MS, signal);
  }
  return false;
}

/** What a short send of the camera to this same page showed. */
export interface LoopbackResult {
  /** The two connections reached each other (without that, nothing is encoded for any camera). */
  connected: boolean;
  /** Frames of the camera the encoder produced. */
  framesEncoded: number;
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
 * outbound-rtp `framesEncoded` is read until it moves or the window ends. Everything it opens is closed. Null where
 * the browser has no RTCPeerConnection or the setup fails.
 */
export async function loopbackEncoding(
  track: MediaStreamTrack,
  connectTimeoutMs = LOOPBACK_CONNECT_TIMEOUT_MS,
  windowMs = LOOPBACK_ENCODE_WINDOW_MS,
): Promise<LoopbackResult | null> {
  if (typeof RTCPeerConnection === 'undefined' || track.readyState !== 'live') return null;
  const opened: { clone?: MediaStreamTrack; sender?: RTCPeerConnection; receiver?: RTCPeerConnection } = {};
  try {
    const clone = (opened.clone = track.clone());
    const sender = (opened.sender = new RTCPeerConnection(LOCAL_ONLY));
    const receiver = (opened.receiver = new RTCPeerConnection(LOCAL_ONLY));
    sender.addEventListener('icecandidate', ({ candidate }) => addCandidate(receiver, candidate));
    receiver.addEventListener('icecandidate', ({ candidate }) => addCandidate(sender, candidate));
    sender.addTransceiver(clone, { direction: 'sendonly', streams: [new MediaStream([clone])] });
    await sender.setLocalDescription();
    await receiver.setRemoteDescription(sender.localDescription as RTCSessionDescriptionInit);
    await receiver.setLocalDescription();
    await sender.setRemoteDescription(receiver.localDescription as RTCSessionDescriptionInit);
    const connected = await within(track, connectTimeoutMs, async () => sender.connectionState === 'connected');
    if (!connected) return ended(track) ? null : { connected: false, framesEncoded: 0 };
    let result: LoopbackResult = { connected: true, framesEncoded: 0 };
    await within(track, windowMs, async () => {
      result = { connected: true, framesEncoded: await framesEncoded(sender) };
      return result.framesEncoded > 0;
    });
    // The camera was stopped meanwhile (switched, turned off, left): the answer is no longer wanted.
    return ended(track) ? null : result;
  } catch {
    return null;
  } finally {
    opened.sender?.close();
    opened.receiver?.close();
    opened.clone?.stop();
  }
}

function addCandidate(to: RTCPeerConnection, candidate: RTCIceCandidate | null): void {
  if (candidate && to.signalingState !== 'closed') void to.addIceCandidate(candidate).catch(() => undefined);
}

/**
 * Frames the video sender encoded. (Its media-source `frames` is no proof the camera delivered any: Chromium counts
 * 0 for a depth camera's frames too.)
 */
async function framesEncoded(pc: RTCPeerConnection): Promise<number> {
  let encoded = 0;
  (await pc.getStats()).forEach((report: { type: string; kind?: string; framesEncoded?: number }) => {
    if (report.type === 'outbound-rtp' && report.kind === 'video') encoded += report.framesEncoded ?? 0;
  });
  return encoded;
}

/**
 * Checks `done` every POLL_MS until it is true (true), or the time is up or the camera's own track stopped (false):
 * a stopped camera's clone is let go at once, so its light goes off.
 */
async function within(track: MediaStreamTrack, timeoutMs: number, done: () => Promise<boolean>): Promise<boolean> {
  for (let waited = 0; ; waited += POLL_MS) {
    if (await done()) return true;
    if (waited >= timeoutMs || ended(track)) return false;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** The camera's own track was stopped (read afresh: it changes while the check awaits). */
function ended(track: MediaStreamTrack): boolean {
  return track.readyState === 'ended';
}

import { preferVideoCodec } from './preferVideoCodec.js';

/**
 * Whether this browser accepts an offer whose video codecs we reordered (preferVideoCodec.ts), checked once on a
 * throwaway connection before any call: Chromium accepts the reordering today, but a browser may come to refuse
 * edited offers, and PeerJS then fails the call with no way back. Until the check has passed (or where it failed),
 * offers go as the browser made them (VP8 first). It proves the edit is accepted, not that H.264 encodes: a
 * browser that lists H.264 offers it, and its answerer picks it (a browser that cannot decode it leaves it out).
 */
export class CodecReordering {
  /** Null until the check has answered. */
  private accepted: boolean | null = null;
  private checking = false;

  /** No ICE server, named explicitly (a browser uses a default list of its own only when a page names none). */
  constructor(
    private readonly createConnection: () => RTCPeerConnection = () => new RTCPeerConnection({ iceServers: [] }),
  ) {}

  /** Starts the check, once (the pre-join screen's Peer is made long before its first call). */
  check(): void {
    if (this.checking) return;
    this.checking = true;
    let pc: RTCPeerConnection | null = null;
    try {
      const connection = (pc = this.createConnection());
      connection.addTransceiver('video');
      connection
        .createOffer()
        .then((offer) => connection.setLocalDescription({ type: 'offer', sdp: preferVideoCodec(offer.sdp ?? '') }))
        .then(
          () => (this.accepted = true),
          () => (this.accepted = false),
        )
        .finally(() => connection.close());
    } catch {
      // No WebRTC here, or a connection that cannot make an offer: offers stay as the browser makes them.
      this.accepted = false;
      pc?.close();
    }
  }

  /** PeerJS's `sdpTransform` for the offers of the calls we place. */
  readonly sdpTransform = (sdp: string): string => (this.accepted ? preferVideoCodec(sdp) : sdp);
}

/** The page's one check. */
export const codecReordering = new CodecReordering();

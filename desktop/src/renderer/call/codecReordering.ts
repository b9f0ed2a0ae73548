import { canvasTestTrack, type TestTrack } from './canvasTestTrack.js';
import { loopbackEncoding, type LoopbackOptions, type LoopbackResult } from './loopbackEncoding.js';
import { PREFERRED_VIDEO_CODEC, preferVideoCodec } from './preferVideoCodec.js';

/** What the check uses: the real ones in a page, stand-ins in a unit test. */
export interface CodecCheckParts {
  /** Something to encode (not the camera: the check must not turn its light on). */
  testTrack(): TestTrack;
  /** A send of that track from one connection of this page to another (loopbackEncoding.ts). */
  loopback(track: MediaStreamTrack, signal: AbortSignal, options: LoopbackOptions): Promise<LoopbackResult | null>;
}

const PAGE_PARTS: CodecCheckParts = { testTrack: canvasTestTrack, loopback: loopbackEncoding };

/**
 * Whether our mesh calls may offer H.264 first (preferVideoCodec.ts), checked once before any call by sending a
 * small test picture between two connections of this page with the edited offer (no ICE servers: nothing leaves
 * the machine). It passes only when the browser accepted the edited offer, encoded with H.264 and decoded what it
 * sent. A browser may list H.264 and fail to encode it (an Electron build once did: electron/electron#14256), or
 * refuse edited offers (PeerJS would then fail the call with no way back). Until the check has passed, or where it
 * failed, offers go as the browser made them (VP8 first).
 */
export class CodecReordering {
  /** Null until the check has answered. */
  private accepted: boolean | null = null;
  private checking = false;

  constructor(private readonly parts: CodecCheckParts = PAGE_PARTS) {}

  /** Starts the check, once: when the page has loaded (main.tsx), and again harmlessly when a mesh Peer is made. */
  check(): void {
    if (this.checking) return;
    this.checking = true;
    this.run().then(
      (passed) => (this.accepted = passed),
      () => (this.accepted = false),
    );
  }

  /** PeerJS's `sdpTransform` for the offers of the calls we place. */
  readonly sdpTransform = (sdp: string): string => (this.accepted ? preferVideoCodec(sdp) : sdp);

  private async run(): Promise<boolean> {
    // Throws where there is no canvas capture or no WebRTC: offers stay as the browser makes them.
    const source = this.parts.testTrack();
    try {
      const sent = await this.parts.loopback(source.track, new AbortController().signal, {
        sdpTransform: preferVideoCodec,
        until: 'decoded',
      });
      return (
        sent !== null &&
        sent.framesDecoded > 0 &&
        sent.codec?.toLowerCase() === `video/${PREFERRED_VIDEO_CODEC}`.toLowerCase()
      );
    } finally {
      source.stop();
    }
  }
}

/** The page's one check. */
export const codecReordering = new CodecReordering();

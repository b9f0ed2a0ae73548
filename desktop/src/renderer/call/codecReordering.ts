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
 * What the check found: 'h264', this browser encodes and decodes H.264 and accepts an edited offer; 'vp8', it
 * accepts an edited offer but H.264 failed (or could not be tried): VP8 goes first, also in our answers; null, not
 * known yet, or the browser refuses edited descriptions (they are then left as the browser makes them).
 */
export type CodecVerdict = 'h264' | 'vp8' | null;

/** The longest the check may take: its connections and test picture are let go then, and nothing is edited. */
const CHECK_TIMEOUT_MS = 15_000;

/**
 * Which video codec our mesh calls put first (preferVideoCodec.ts), checked once before any call by sending a small
 * test picture between two connections of this page with the edited offer (no ICE servers: host candidates only,
 * the media stays on this machine; without camera permission a browser names them by random mDNS `.local` names,
 * which it may look up on the local network). H.264 goes first only when the browser accepted the edited offer,
 * encoded with H.264 and decoded what it sent. A browser may list H.264 and fail to encode it (an Electron build
 * once did: electron/electron#14256): it then puts VP8 first in its offers and in its answers, so a caller that
 * offered H.264 first still gets a picture from it. A browser may refuse edited descriptions (PeerJS would then
 * fail the call with no way back): nothing is edited. Until the check has answered, nothing is edited either.
 */
export class CodecReordering {
  private verdict: CodecVerdict = null;
  private checking = false;

  constructor(private readonly parts: CodecCheckParts = PAGE_PARTS) {}

  /** Starts the check, once: when the page has loaded (main.tsx), and again harmlessly when a mesh Peer is made. */
  check(): void {
    if (this.checking) return;
    this.checking = true;
    this.run().then(
      (verdict) => (this.verdict = verdict),
      () => (this.verdict = null),
    );
  }

  /** PeerJS's `sdpTransform` for the offers of the calls we place. */
  readonly sdpTransform = (sdp: string): string =>
    this.verdict === 'h264' ? preferVideoCodec(sdp) : this.verdict === 'vp8' ? preferVideoCodec(sdp, 'VP8') : sdp;

  /**
   * PeerJS's `sdpTransform` for our answers: the caller's order is kept (H.264 first from a caller whose check
   * passed), unless H.264 failed here.
   */
  readonly answerTransform = (sdp: string): string => (this.verdict === 'vp8' ? preferVideoCodec(sdp, 'VP8') : sdp);

  private async run(): Promise<CodecVerdict> {
    // Throws where there is no canvas capture or no WebRTC: descriptions stay as the browser makes them.
    const source = this.parts.testTrack();
    try {
      const sent = await this.parts.loopback(source.track, AbortSignal.timeout(CHECK_TIMEOUT_MS), {
        sdpTransform: preferVideoCodec,
        until: 'decoded',
      });
      // No answer: the edited offer was refused (or the setup failed, or the time ran out): edit nothing.
      if (sent === null) return null;
      const h264 =
        sent.framesDecoded > 0 && sent.codec?.toLowerCase() === `video/${PREFERRED_VIDEO_CODEC}`.toLowerCase();
      return h264 ? 'h264' : 'vp8';
    } finally {
      source.stop();
    }
  }
}

/** The page's one check. */
export const codecReordering = new CodecReordering();

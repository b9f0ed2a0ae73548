import { describe, expect, it } from 'vitest';
import { CodecReordering, type CodecCheckParts } from '../../src/renderer/call/codecReordering.js';
import type { LoopbackOptions, LoopbackResult } from '../../src/renderer/call/loopbackEncoding.js';
import { preferVideoCodec } from '../../src/renderer/call/preferVideoCodec.js';

const offer = ['m=video 9 UDP/TLS/RTP/SAVPF 96 97 102', 'a=rtpmap:96 VP8/90000', 'a=rtpmap:102 H264/90000', ''].join(
  '\r\n',
);
const reordered = offer.replace('96 97 102', '102 96 97');
/** An offer with H.264 first (a caller whose check passed, or a browser that lists it first, like Safari). */
const h264First = reordered;
/** That offer with VP8 moved first (the rest keep their order). */
const vp8First = offer.replace('96 97 102', '96 102 97');

/** A sent test picture as a browser may report it: H.264 encoded and decoded, unless told otherwise. */
const sent = (result: Partial<LoopbackResult> = {}): LoopbackResult => ({
  connected: true,
  framesEncoded: 3,
  framesDecoded: 2,
  codec: 'video/H264',
  ...result,
});

/** The check's parts, answering with `result`; records what the check asked for and whether it let go. */
function parts(result: LoopbackResult | null | Error) {
  const seen = { sends: [] as LoopbackOptions[], tracksMade: 0, tracksStopped: 0 };
  const made: CodecCheckParts = {
    testTrack: () => {
      seen.tracksMade += 1;
      return { track: {} as MediaStreamTrack, stop: () => void (seen.tracksStopped += 1) };
    },
    loopback: (_track, _signal, options) => {
      seen.sends.push(options);
      return result instanceof Error ? Promise.reject(result) : Promise.resolve(result);
    },
  };
  return { made, seen };
}

const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('CodecReordering: H.264 first only where this browser sends and receives it', () => {
  it('offers go as the browser made them until the check has passed, then with H.264 first; answers keep the offer’s order', async () => {
    const { made, seen } = parts(sent());
    const reordering = new CodecReordering(made);
    expect(reordering.sdpTransform(offer)).toBe(offer);
    reordering.check();
    expect(reordering.sdpTransform(offer)).toBe(offer); // still checking
    expect(reordering.answerTransform(h264First)).toBe(h264First);
    await settled();
    expect(reordering.sdpTransform(offer)).toBe(reordered);
    expect(reordering.answerTransform(offer)).toBe(offer);
    expect(reordering.answerTransform(h264First)).toBe(h264First);
    // The test picture went with the edited offer, until the receiving side decoded a frame; then it stopped.
    expect(seen.sends).toEqual([{ sdpTransform: preferVideoCodec, until: 'decoded' }]);
    expect(seen.tracksStopped).toBe(1);
  });

  it.each([
    [
      'lists H.264 but encodes no frame with it (electron/electron#14256)',
      sent({ framesEncoded: 0, framesDecoded: 0 }),
    ],
    ['encodes H.264 but decodes nothing of it', sent({ framesDecoded: 0 })],
    ['answered with VP8 (cannot decode H.264, so left it out of the answer)', sent({ codec: 'video/VP8' })],
    ['never said which codec it used', sent({ codec: null })],
    ['could not connect its two test connections', sent({ connected: false, framesEncoded: 0, framesDecoded: 0 })],
  ])(
    'a browser that %s puts VP8 first, in its offers and in its answers to H.264-first offers',
    async (_case, result) => {
      const { made, seen } = parts(result);
      const reordering = new CodecReordering(made);
      reordering.check();
      await settled();
      expect(reordering.sdpTransform(offer)).toBe(offer); // VP8 first already
      expect(reordering.sdpTransform(h264First)).toBe(vp8First);
      // A caller whose check passed offers H.264 first: answered with VP8 first, both directions send VP8.
      expect(reordering.answerTransform(h264First)).toBe(vp8First);
      expect(seen.tracksStopped).toBe(seen.tracksMade);
    },
  );

  it.each([
    ['refused the edited offer, or has no WebRTC, or ran out of time (the send gave no answer)', null],
    ['failed the send', new Error('setup failed')],
  ])('a browser that %s gets nothing edited, offers or answers', async (_case, result) => {
    const { made, seen } = parts(result);
    const reordering = new CodecReordering(made);
    reordering.check();
    await settled();
    expect(reordering.sdpTransform(offer)).toBe(offer);
    expect(reordering.sdpTransform(h264First)).toBe(h264First);
    expect(reordering.answerTransform(h264First)).toBe(h264First);
    expect(seen.tracksStopped).toBe(seen.tracksMade);
  });

  it('a page that cannot draw a test picture edits nothing, and does not throw', async () => {
    const reordering = new CodecReordering({
      testTrack: () => {
        throw new Error('This page cannot capture a canvas.');
      },
      loopback: () => Promise.resolve(sent()),
    });
    expect(() => reordering.check()).not.toThrow();
    await settled();
    expect(reordering.sdpTransform(offer)).toBe(offer);
    expect(reordering.answerTransform(h264First)).toBe(h264First);
  });

  it('checks once however often it is asked', async () => {
    const { made, seen } = parts(sent());
    const reordering = new CodecReordering(made);
    reordering.check();
    reordering.check();
    await settled();
    reordering.check();
    expect(seen.sends).toHaveLength(1);
    expect(seen.tracksMade).toBe(1);
  });
});

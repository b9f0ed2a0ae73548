import { describe, expect, it } from 'vitest';
import { CodecReordering } from '../../src/renderer/call/codecReordering.js';

const offer = ['m=video 9 UDP/TLS/RTP/SAVPF 96 97 102', 'a=rtpmap:96 VP8/90000', 'a=rtpmap:102 H264/90000', ''].join(
  '\r\n',
);
const reordered = offer.replace('96 97 102', '102 96 97');

/** A connection whose `setLocalDescription` accepts or refuses an edited offer, as a browser may. */
function connection(accepts: boolean) {
  const applied: string[] = [];
  let closed = false;
  const pc = {
    addTransceiver: () => undefined,
    createOffer: () => Promise.resolve({ type: 'offer', sdp: offer }),
    setLocalDescription: (description: { sdp: string }) => {
      applied.push(description.sdp);
      return accepts
        ? Promise.resolve()
        : Promise.reject(new DOMException('SDP munging refused', 'InvalidAccessError'));
    },
    close: () => void (closed = true),
  };
  return { pc: pc as unknown as RTCPeerConnection, applied, closed: () => closed };
}

const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('CodecReordering', () => {
  it('offers go as the browser made them until the check has passed, then with H.264 first', async () => {
    const probe = connection(true);
    const reordering = new CodecReordering(() => probe.pc);
    expect(reordering.sdpTransform(offer)).toBe(offer);
    reordering.check();
    await settled();
    expect(probe.applied).toEqual([reordered]);
    expect(probe.closed()).toBe(true);
    expect(reordering.sdpTransform(offer)).toBe(reordered);
  });

  it('a browser that refuses the edited offer keeps getting its own (calls still connect, with VP8)', async () => {
    const probe = connection(false);
    const reordering = new CodecReordering(() => probe.pc);
    reordering.check();
    await settled();
    expect(probe.closed()).toBe(true);
    expect(reordering.sdpTransform(offer)).toBe(offer);
  });

  it('checks once however often it is asked, and a page without WebRTC edits nothing', async () => {
    let made = 0;
    const reordering = new CodecReordering(() => {
      made += 1;
      return connection(true).pc;
    });
    reordering.check();
    reordering.check();
    await settled();
    expect(made).toBe(1);
    const withoutWebRtc = new CodecReordering(() => {
      throw new ReferenceError('RTCPeerConnection is not defined');
    });
    withoutWebRtc.check();
    expect(withoutWebRtc.sdpTransform(offer)).toBe(offer);
  });

  it('a connection that cannot make an offer (a stand-in without it) is closed and nothing is edited', () => {
    let closed = false;
    const partial = { addTransceiver: () => undefined, close: () => void (closed = true) };
    const reordering = new CodecReordering(() => partial as unknown as RTCPeerConnection);
    expect(() => reordering.check()).not.toThrow();
    expect(closed).toBe(true);
    expect(reordering.sdpTransform(offer)).toBe(offer);
  });
});

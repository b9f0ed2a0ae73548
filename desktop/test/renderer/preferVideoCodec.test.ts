import { describe, expect, it } from 'vitest';
import { preferVideoCodec } from '../../src/renderer/call/preferVideoCodec.js';

/** The shape of Chromium 156's offer for a camera call (audio, video, the screen slot's video), trimmed. */
const offer = [
  'v=0',
  'o=- 1 2 IN IP4 127.0.0.1',
  's=-',
  't=0 0',
  'a=group:BUNDLE 0 1 2',
  'm=audio 9 UDP/TLS/RTP/SAVPF 111 63 9',
  'a=mid:0',
  'a=rtpmap:111 opus/48000/2',
  'a=rtpmap:63 red/48000/2',
  'a=rtpmap:9 G722/8000',
  'm=video 9 UDP/TLS/RTP/SAVPF 96 97 102 103 104 107 45 46 98 99',
  'a=mid:1',
  'a=rtpmap:96 VP8/90000',
  'a=rtpmap:97 rtx/90000',
  'a=fmtp:97 apt=96',
  'a=rtpmap:102 H264/90000',
  'a=rtpmap:103 rtx/90000',
  'a=fmtp:102 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42001f',
  'a=rtpmap:104 h264/90000',
  'a=rtpmap:107 rtx/90000',
  'a=rtpmap:45 AV1/90000',
  'a=rtpmap:46 rtx/90000',
  'a=rtpmap:98 VP9/90000',
  'a=rtpmap:99 rtx/90000',
  'm=video 9 UDP/TLS/RTP/SAVPF 96 97 102 103',
  'a=mid:2',
  'a=rtpmap:96 VP8/90000',
  'a=rtpmap:97 rtx/90000',
  'a=rtpmap:102 H264/90000',
  'a=rtpmap:103 rtx/90000',
  '',
].join('\r\n');

const mLines = (sdp: string) => sdp.split('\r\n').filter((line) => line.startsWith('m='));

describe('preferVideoCodec', () => {
  it('puts H.264 first on every video section (camera and screen slot), the other codecs after it in their order', () => {
    expect(mLines(preferVideoCodec(offer))).toEqual([
      'm=audio 9 UDP/TLS/RTP/SAVPF 111 63 9',
      'm=video 9 UDP/TLS/RTP/SAVPF 102 104 96 97 103 107 45 46 98 99',
      'm=video 9 UDP/TLS/RTP/SAVPF 102 96 97 103',
    ]);
  });

  it('changes nothing else in the description (attributes, line endings)', () => {
    const changed = preferVideoCodec(offer).split('\r\n');
    const before = offer.split('\r\n');
    expect(changed.length).toBe(before.length);
    expect(changed.filter((line) => !line.startsWith('m='))).toEqual(before.filter((line) => !line.startsWith('m=')));
  });

  it('leaves a description without H.264 (a client that cannot send it keeps VP8) or with it first already', () => {
    const withoutH264 = ['m=video 9 UDP/TLS/RTP/SAVPF 96 97', 'a=rtpmap:96 VP8/90000', 'a=rtpmap:97 rtx/90000'].join(
      '\n',
    );
    expect(preferVideoCodec(withoutH264)).toBe(withoutH264);
    const once = preferVideoCodec(offer);
    expect(preferVideoCodec(once)).toBe(once);
  });

  it('leaves a rejected or malformed video section and a description with no media as they are', () => {
    expect(preferVideoCodec('m=video 0 UDP/TLS/RTP/SAVPF\r\n')).toBe('m=video 0 UDP/TLS/RTP/SAVPF\r\n');
    expect(preferVideoCodec('')).toBe('');
    expect(preferVideoCodec('v=0\r\ns=-\r\n')).toBe('v=0\r\ns=-\r\n');
  });
});

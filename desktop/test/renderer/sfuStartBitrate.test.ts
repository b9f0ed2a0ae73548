import { describe, expect, it } from 'vitest';
import { withStartBitrate } from '../../src/renderer/call/sfuStartBitrate.js';

/** Janus 1.1.2's answer to our publisher's offer (audio, then the camera in VP8 with RTX), candidates left out. */
const JANUS_ANSWER = [
  'v=0',
  'o=- 977589486943846815 2 IN IP4 127.0.0.1',
  's=-',
  't=0 0',
  'a=group:BUNDLE 0 1',
  'a=msid-semantic: WMS janus',
  'm=audio 53893 UDP/TLS/RTP/SAVPF 111',
  'c=IN IP4 10.213.7.1',
  'a=mid:0',
  'a=recvonly',
  'a=rtpmap:111 opus/48000/2',
  'a=fmtp:111 useinbandfec=1',
  'm=video 53893 UDP/TLS/RTP/SAVPF 96 97',
  'c=IN IP4 10.213.7.1',
  'a=mid:1',
  'a=recvonly',
  'a=rtcp-mux',
  'a=rtpmap:96 VP8/90000',
  'a=rtcp-fb:96 nack pli',
  'a=rtcp-fb:96 transport-cc',
  'a=rtpmap:97 rtx/90000',
  'a=fmtp:97 apt=96',
  'a=rid:q recv',
  'a=rid:h recv',
  'a=rid:f recv',
  'a=simulcast:recv q;h;f',
  '',
].join('\r\n');

/** The lines `after` has that `before` has not, and the reverse. */
function difference(before: string, after: string) {
  const old = before.split('\r\n');
  const now = after.split('\r\n');
  return { added: now.filter((line) => !old.includes(line)), removed: old.filter((line) => !now.includes(line)) };
}

describe('withStartBitrate', () => {
  it("gives Janus's VP8 answer the start bitrate on the camera's codec and changes nothing else", () => {
    const munged = withStartBitrate(JANUS_ANSWER, 1200);
    expect(difference(JANUS_ANSWER, munged)).toEqual({ added: ['a=fmtp:96 x-google-start-bitrate=1200'], removed: [] });
    // In the video section, not the audio one; the ending stays.
    expect(munged.indexOf('a=fmtp:96')).toBeGreaterThan(munged.indexOf('m=video'));
    expect(munged.endsWith('a=simulcast:recv q;h;f\r\na=fmtp:96 x-google-start-bitrate=1200\r\n')).toBe(true);
  });

  it('adds to the parameters a codec already has, and replaces a start bitrate already there', () => {
    const h264 = JANUS_ANSWER.replace('a=rtpmap:96 VP8/90000', 'a=rtpmap:96 H264/90000').replace(
      'a=rtcp-fb:96 nack pli',
      'a=fmtp:96 packetization-mode=1;x-google-start-bitrate=300;profile-level-id=42e01f\r\na=rtcp-fb:96 nack pli',
    );
    expect(difference(h264, withStartBitrate(h264, 1200))).toEqual({
      added: ['a=fmtp:96 packetization-mode=1;profile-level-id=42e01f;x-google-start-bitrate=1200'],
      removed: ['a=fmtp:96 packetization-mode=1;x-google-start-bitrate=300;profile-level-id=42e01f'],
    });
  });

  it('is the same after a renegotiation: applied again it changes nothing', () => {
    const once = withStartBitrate(JANUS_ANSWER, 1200);
    expect(withStartBitrate(once, 1200)).toBe(once);
  });

  it('covers every video section (the camera and a shared screen), never retransmissions or audio', () => {
    const screen = JANUS_ANSWER.slice(JANUS_ANSWER.indexOf('m=video')).replace('a=mid:1', 'a=mid:2');
    const sections = withStartBitrate(JANUS_ANSWER + screen, 1200).split(/(?=m=)/);
    expect(sections.map((section) => section.match(/^a=fmtp:.*$/gm))).toEqual([
      null,
      ['a=fmtp:111 useinbandfec=1'],
      ['a=fmtp:97 apt=96', 'a=fmtp:96 x-google-start-bitrate=1200'],
      ['a=fmtp:97 apt=96', 'a=fmtp:96 x-google-start-bitrate=1200'],
    ]);
  });

  it('keeps line feeds where the description uses them, and leaves a description without video as it is', () => {
    const lf = JANUS_ANSWER.replaceAll('\r\n', '\n');
    expect(withStartBitrate(lf, 1200)).toBe(withStartBitrate(JANUS_ANSWER, 1200).replaceAll('\r\n', '\n'));
    const audioOnly = JANUS_ANSWER.slice(0, JANUS_ANSWER.indexOf('m=video'));
    expect(withStartBitrate(audioOnly, 1200)).toBe(audioOnly);
  });
});

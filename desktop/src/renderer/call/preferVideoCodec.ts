/**
 * The video codec a mesh call offers first: H.264. In Chromium its software encoder (OpenH264) and decoder gave a
 * screen's first frame sooner than VP8 on the same machine (README, "Tests and benchmarks"), and the desktop app can
 * use the computer's hardware encoder for it. The other codecs stay offered after it, so a client without H.264
 * still gets VP8 (Chromium's next).
 */
export const PREFERRED_VIDEO_CODEC = 'H264';

/**
 * An SDP offer with the preferred codec's payload types first on every video section (each in the order the
 * browser gave them, the rest after it). PeerJS passes the offers of the calls we place through this
 * (`sdpTransform`, once codecReordering.ts saw this browser send and receive it) before they are applied and sent; an
 * answering browser that set no codec preferences of its own (ours sets none) keeps the offer's order, so both
 * directions of a call use the codec. A section without the codec, or with it first already, is left as it is.
 */
export function preferVideoCodec(sdp: string, codec: string = PREFERRED_VIDEO_CODEC): string {
  const eol = sdp.includes('\r\n') ? '\r\n' : '\n';
  const lines = sdp.split(eol);
  const sectionStarts = lines.flatMap((line, index) => (line.startsWith('m=') ? [index] : []));
  for (const [i, start] of sectionStarts.entries()) {
    const fields = lines[start]!.split(' ');
    if (fields[0] !== 'm=video' || fields.length < 4) continue;
    const section = lines.slice(start + 1, sectionStarts[i + 1] ?? lines.length);
    const preferred = new Set(
      section.flatMap((line) => {
        const match = /^a=rtpmap:(\d+) ([^/]+)\//.exec(line);
        return match && match[2]!.toLowerCase() === codec.toLowerCase() ? [match[1]!] : [];
      }),
    );
    const payloads = fields.slice(3);
    if (preferred.size === 0 || preferred.has(payloads[0]!)) continue;
    const reordered = [...payloads.filter((pt) => preferred.has(pt)), ...payloads.filter((pt) => !preferred.has(pt))];
    lines[start] = [...fields.slice(0, 3), ...reordered].join(' ');
  }
  return lines.join(eol);
}

/**
 * Where the SFU publisher's bandwidth estimate starts, in kbps. Chromium starts every connection at 300 kbps and
 * climbs from there by a few percent a second; our camera's top simulcast layer (960x540) goes out only once the
 * estimate passes about 1 Mbps (the two lower layers' share plus the top one's minimum), which took 17 seconds
 * after joining, on an unlimited link. At 1.2 Mbps all three layers go out from the first frame, and it stays
 * below the 1.85 Mbps they use at most. Only the start moves (no minimum is set): on a slower uplink the estimate
 * falls within a second or two, as soon as packets queue or get lost (e2e/browser/sfuTopLayer.spec.ts).
 */
export const SFU_START_BITRATE_KBPS = 1_200;

const START_BITRATE = 'x-google-start-bitrate';
/** Payload types that carry no picture of their own (retransmissions, redundancy, error correction). */
const NOT_A_PICTURE = new Set(['rtx', 'red', 'ulpfec', 'flexfec-03']);

/**
 * `sdp` with Chromium's `x-google-start-bitrate` set to `kbps` on each video codec's format parameters (a codec
 * without an `a=fmtp` line gets one at the end of its media section). Chromium reads it from the remote
 * description, as a parameter of the codec it sends, so this goes on the answer we receive (as Google's AppRTC
 * does); a value already there is replaced. Nothing else changes.
 */
export function withStartBitrate(sdp: string, kbps: number): string {
  const eol = sdp.includes('\r\n') ? '\r\n' : '\n';
  const lines = sdp.split(/\r?\n/);
  const ending = lines.at(-1) === '' ? [lines.pop() ?? ''] : [];
  const sections: string[][] = [[]];
  for (const line of lines) {
    if (line.startsWith('m=')) sections.push([]);
    sections[sections.length - 1]?.push(line);
  }
  return [
    ...sections.flatMap((section) => (section[0]?.startsWith('m=video') ? videoSection(section, kbps) : section)),
    ...ending,
  ].join(eol);
}

function videoSection(lines: string[], kbps: number): string[] {
  const pictures = new Set<string>();
  for (const line of lines) {
    const rtpmap = /^a=rtpmap:(\d+) ([^/\s]+)/.exec(line);
    if (rtpmap?.[1] && rtpmap[2] && !NOT_A_PICTURE.has(rtpmap[2].toLowerCase())) pictures.add(rtpmap[1]);
  }
  const missing = new Set(pictures);
  const out = lines.map((line) => {
    const fmtp = /^a=fmtp:(\d+) ?(.*)$/.exec(line);
    if (!fmtp?.[1] || !pictures.has(fmtp[1])) return line;
    missing.delete(fmtp[1]);
    const kept = (fmtp[2] ?? '').split(';').filter((param) => {
      const name = param.split('=')[0]?.trim();
      return name !== '' && name !== START_BITRATE;
    });
    return `a=fmtp:${fmtp[1]} ${[...kept, `${START_BITRATE}=${kbps}`].join(';')}`;
  });
  for (const payload of missing) out.push(`a=fmtp:${payload} ${START_BITRATE}=${kbps}`);
  return out;
}

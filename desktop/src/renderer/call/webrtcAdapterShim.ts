/**
 * Stands in for `webrtc-adapter`, which PeerJS imports (36 kB) only to read `browserDetails` for its
 * support checks. Chromium and Electron need none of the adapter's polyfills, and current Firefox and
 * Safari implement the standard API PeerJS uses (unified plan, promise-based RTCPeerConnection). The
 * renderer's Vite config aliases `webrtc-adapter` to this file.
 *
 * The version figures follow the adapter's own detection: Chrome's major version, Firefox's major
 * version, and Safari's AppleWebKit build (PeerJS wants at least 605 there).
 */
export interface BrowserDetails {
  browser: 'chrome' | 'firefox' | 'safari' | 'Not a supported browser.';
  version: number | null;
}

export function detectBrowser(userAgent: string): BrowserDetails {
  const firefox = /Firefox\/(\d+)\./.exec(userAgent);
  if (firefox) return { browser: 'firefox', version: Number(firefox[1]) };
  const chrome = /Chrom(?:e|ium)\/(\d+)\./.exec(userAgent);
  if (chrome) return { browser: 'chrome', version: Number(chrome[1]) };
  const webkit = /AppleWebKit\/(\d+)\./.exec(userAgent);
  if (webkit && /Safari\//.test(userAgent)) return { browser: 'safari', version: Number(webkit[1]) };
  return { browser: 'Not a supported browser.', version: null };
}

const adapter = {
  browserDetails: detectBrowser(typeof navigator === 'undefined' ? '' : navigator.userAgent),
};

export default adapter;

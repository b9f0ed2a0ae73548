import { describe, expect, it } from 'vitest';
import { detectBrowser } from '../../src/renderer/call/webrtcAdapterShim.js';

// What PeerJS's support check reads from webrtc-adapter, for the browsers the web client meets.
const cases: Array<[string, string, ReturnType<typeof detectBrowser>]> = [
  [
    'Electron 45',
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Wava/0.1.0 Chrome/140.0.7339.41 Electron/45.4.1 Safari/537.36',
    { browser: 'chrome', version: 140 },
  ],
  [
    'Chromium',
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chromium/131.0.6778.85 Safari/537.36',
    { browser: 'chrome', version: 131 },
  ],
  [
    'Edge',
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36 Edg/130.0.0.0',
    { browser: 'chrome', version: 130 },
  ],
  [
    'Firefox',
    'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0',
    { browser: 'firefox', version: 133 },
  ],
  [
    'Safari',
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
    { browser: 'safari', version: 605 },
  ],
  ['something else', 'curl/8.5.0', { browser: 'Not a supported browser.', version: null }],
];

describe('the webrtc-adapter stand-in', () => {
  it.each(cases)('detects %s', (_name, userAgent, expected) => {
    expect(detectBrowser(userAgent)).toEqual(expected);
  });
});

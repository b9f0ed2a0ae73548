import type { Browser } from '@playwright/test';
import { launchChromiumWithoutDevices } from '../support/chromium.js';
import { expect, test } from '../support/fixtures.js';
import { Participant } from '../support/participant.js';
import { connectionStats, liveDeviceTracks } from '../support/rtcProbe.js';
import { waitFor } from '../support/waitFor.js';

// Someone who allows neither camera nor microphone: Chromium gives their page only mDNS host candidates, which
// do not resolve here. They connect through the server-reflexive address the server's own STUN responder tells
// them (no public STUN server: the test runs in a loopback-only network namespace).
let noDevices: Browser;
test.beforeAll(async () => {
  noDevices = await launchChromiumWithoutDevices();
});
test.afterAll(async () => {
  await noDevices.close();
});

test('a viewer who refuses camera and microphone joins, sees the host, and the host sees them connected', async ({
  people,
  server,
}) => {
  const alice = await people.open('Alice');
  await alice.register();
  const code = await alice.createMeeting();
  await alice.joinFromPreJoin();

  const viewer = await Participant.open(noDevices, server.url, 'Vera', '/', { permissions: [] });
  try {
    await viewer.register();
    await viewer.enterCode(code);
    await viewer.joinFromPreJoin();
    expect(await liveDeviceTracks(viewer.page)).toBe(0);

    await expect(viewer.tile('Alice')).toHaveAttribute('data-connection', 'connected');
    await expect(alice.tile('Vera')).toHaveAttribute('data-connection', 'connected');
    // The call is the connection that decodes Alice's video (the page's codec check may still hold two of its own).
    const stats = await waitFor("Alice's video decoded by the viewer", async () =>
      (await connectionStats(viewer.page)).find((s) => s.videoFramesDecoded > 0),
    );
    expect(stats.connectionState).toBe('connected');
    // The viewer's own page offered no usable host address; Alice reached it at the reflexive one.
    const seenByAlice = (await connectionStats(alice.page)).find((s) => s.connectionState === 'connected');
    expect(['srflx', 'prflx']).toContain(seenByAlice?.remoteCandidateType);
  } finally {
    await viewer.close();
  }
});

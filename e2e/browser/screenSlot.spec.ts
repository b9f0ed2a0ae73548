import type { Page } from '@playwright/test';
import { expect, test } from '../support/fixtures.js';
import { DocsMeshClient } from '../support/docsMeshClient.js';
import { closeAllSockets } from '../../signaling-server/test/support/sockets.js';
import { framesDecoded, peerConnectionsCreated, videoRtp } from '../support/rtcProbe.js';
import { isPlaying } from '../support/tileVideo.js';
import { waitFor } from '../support/waitFor.js';

test.afterEach(() => closeAllSockets());

test('someone who joins while a screen is shared sees it at once, on the camera call; presenters switch on it', async ({
  people,
}) => {
  const alice = await people.open('Alice');
  await alice.register();
  const code = await alice.createMeeting();
  await alice.joinFromPreJoin();
  await alice.byTestId('toggle-share').click();
  await expect(alice.byTestId('screen-stage')).toContainText('You are presenting');

  const bob = await people.open('Bob');
  await bob.register();
  await bob.enterCode(code);
  await bob.joinFromPreJoin();
  // As soon as their call is up (placing it and connecting it take a while on a busy machine).
  await expect(bob.byTestId('screen-stage')).toHaveAttribute('data-presenter', 'Alice', { timeout: 45_000 });
  await expect
    .poll(() => isPlaying(bob.byTestId('screen-video')), { message: 'Bob sees the shared screen moving' })
    .toBe(true);
  // One call, placed once: Alice's screen came on her camera call's slot, beside her camera.
  const calls = [await peerConnectionsCreated(alice.page), await peerConnectionsCreated(bob.page)];
  const decoding = (await videoRtp(bob.page)).inbound.filter((stream) => stream.framesDecoded > 0);
  expect(decoding.map((stream) => stream.pc)).toEqual([0, 0]);

  // Bob takes over presenting: Alice's share stops and she sees Bob's screen, on the same call.
  await bob.byTestId('toggle-share').click();
  await expect(alice.byTestId('screen-stage')).toHaveAttribute('data-presenter', 'Bob');
  await expect(alice.byTestId('toggle-share')).toHaveAttribute('aria-pressed', 'false');
  await expect.poll(() => isPlaying(alice.byTestId('screen-video'))).toBe(true);
  expect([await peerConnectionsCreated(alice.page), await peerConnectionsCreated(bob.page)]).toEqual(calls);
});

test('a client without the screen slot, written from the docs, gets and sends screens by a second call', async ({
  people,
  server,
  browser,
}) => {
  const alice = await people.open('Alice');
  await alice.page.addInitScript(recordPeerSocketUrls);
  await alice.page.reload();
  await alice.register();
  const docs = await DocsMeshClient.host(browser, server.url, 'Dora');
  try {
    await alice.enterCode(docs.join.meeting.code);
    await alice.joinFromPreJoin();
    // Alice came second, so her peer id sorts first and she places the camera call: her offer carries a screen
    // slot, which Dora's client knows nothing of.
    expect((await peerIdOf(alice.page)) < docs.join.self.peerId).toBe(true);
    await expect(alice.tile('Dora')).toHaveAttribute('data-connection', 'connected');
    await expect.poll(() => isPlaying(alice.tile('Dora').getByTestId('tile-video'))).toBe(true);
    // Dora's camera stream from Alice holds the slot's silent tracks too; her <video> plays Alice's camera.
    await waitFor('Dora to decode Alice’s camera', async () =>
      (await docs.received()).cameraFrames > 0 ? true : undefined,
    );
    await expect.poll(() => isPlaying(docs.page.locator('#remote-camera'))).toBe(true);
    const tracks = await docs.page
      .locator('#remote-camera')
      .evaluate((video) => ((video as HTMLVideoElement).srcObject as MediaStream).getVideoTracks().length);
    expect(tracks).toBe(2);

    // Alice shares: Dora's client declined the slot, so it gets a screen call and decodes it.
    const aliceCalls = await peerConnectionsCreated(alice.page);
    await alice.byTestId('toggle-share').click();
    await waitFor('Dora to decode Alice’s screen from a screen call', async () => {
      const received = await docs.received();
      return received.screenCalls === 1 && received.screenFrames > 0 ? true : undefined;
    });
    expect(await peerConnectionsCreated(alice.page)).toBe(aliceCalls + 1);
    await alice.byTestId('toggle-share').click();

    // Dora shares the documented way: Alice shows it on her stage.
    await docs.share(docs.others);
    await expect(alice.byTestId('screen-stage')).toHaveAttribute('data-presenter', 'Dora');
    await expect
      .poll(() => isPlaying(alice.byTestId('screen-video')), { message: 'Alice sees Dora’s screen moving' })
      .toBe(true);
    expect(await framesDecoded(alice.page)).toBeGreaterThan(0);
  } finally {
    await docs.close();
  }
});

/** Before the app loads: keeps the URL of every WebSocket the page opens (PeerJS's carries the peer id). */
function recordPeerSocketUrls(): void {
  const Native = window.WebSocket;
  const urls: string[] = [];
  (window as unknown as { __socketUrls: string[] }).__socketUrls = urls;
  window.WebSocket = class extends Native {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      urls.push(String(url));
    }
  };
}

/** The peer id of the page's latest PeerJS websocket. */
async function peerIdOf(page: Page): Promise<string> {
  const urls = await page.evaluate(() => (window as unknown as { __socketUrls: string[] }).__socketUrls);
  const url = urls.filter((u) => u.includes('/peerjs/peerjs?')).at(-1);
  const id = url ? new URL(url).searchParams.get('id') : null;
  if (!id) throw new Error('no PeerJS websocket on the page');
  return id;
}

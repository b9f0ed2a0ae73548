import type { Page } from '@playwright/test';
import { expect, test } from '../support/fixtures.js';
import type { Participant } from '../support/participant.js';
import { framesDecoded } from '../support/rtcProbe.js';
import { isPlaying } from '../support/tileVideo.js';
import { waitFor } from '../support/waitFor.js';

/** Keeps every WebSocket the page opens in `window.__wavaSockets`, so a test can read or close them. */
function recordWebSockets(): void {
  const Native = window.WebSocket;
  const sockets: WebSocket[] = [];
  (window as unknown as { __wavaSockets: WebSocket[] }).__wavaSockets = sockets;
  window.WebSocket = class extends Native {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      sockets.push(this);
    }
  };
}

async function recorded(person: Participant): Promise<Participant> {
  await person.page.addInitScript(recordWebSockets);
  await person.page.reload();
  return person;
}

/** The URL of the page's latest PeerJS websocket. */
function peerSocketUrl(page: Page): Promise<string> {
  return page.evaluate(() => {
    const sockets = (window as unknown as { __wavaSockets: WebSocket[] }).__wavaSockets;
    const url = sockets.filter((s) => s.url.includes('/peerjs/peerjs?')).at(-1)?.url;
    if (!url) throw new Error('no PeerJS websocket yet');
    return url;
  });
}

/** Opens raw websockets from the page: 'open' for each the server accepted with OPEN, 'refused' otherwise. */
function tryUpgrades(page: Page, urls: string[]): Promise<string[]> {
  return page.evaluate(
    (targets) =>
      Promise.all(
        targets.map(
          (url) =>
            new Promise<string>((resolve) => {
              const ws = new WebSocket(url);
              ws.onmessage = (event) => {
                resolve(String(event.data).includes('"OPEN"') ? 'open' : 'refused');
                ws.close();
              };
              ws.onclose = () => resolve('refused');
            }),
        ),
      ),
    urls,
  );
}

test('an impostor with a duplicated-parameter URL or a stale token never takes a tile or media; the real participant reconnects', async ({
  people,
}) => {
  const alice = await people.open('Alice');
  const bob = await recorded(await people.open('Bob'));
  const mallory = await recorded(await people.open('Mallory'));
  for (const person of [alice, bob, mallory]) await person.register();
  const code = await alice.createMeeting();
  await alice.joinFromPreJoin();
  await bob.enterCode(code);
  await bob.joinFromPreJoin();
  await expect(alice.tile('Bob')).toHaveAttribute('data-connection', 'connected');

  // Mallory has an account and the code: she joins, is seen, and leaves. Her peer token is now stale.
  await mallory.enterCode(code);
  await mallory.joinFromPreJoin();
  await expect(alice.tile('Mallory')).toBeVisible();
  const malloryUrl = new URL(await peerSocketUrl(mallory.page));
  await mallory.byTestId('leave').click();
  await expect(alice.tile('Mallory')).toHaveCount(0);

  // Bob's PeerJS connection drops (a laptop sleeping, a network change)...
  const bobId = new URL(await peerSocketUrl(bob.page)).searchParams.get('id')!;
  await bob.page.evaluate(() => {
    for (const ws of (window as unknown as { __wavaSockets: WebSocket[] }).__wavaSockets) {
      if (ws.url.includes('/peerjs/peerjs?')) ws.close();
    }
  });
  // ...and Mallory tries to take his id, and to come back with her stale token.
  const base = `${malloryUrl.origin}${malloryUrl.pathname}`;
  const key = malloryUrl.searchParams.get('key')!;
  const id = malloryUrl.searchParams.get('id')!;
  const token = encodeURIComponent(malloryUrl.searchParams.get('token')!);
  const attempts = [
    `${base}?key=${key}&id=${id}&token=${token}&id=${bobId}&token=x`,
    `${base}?key=${key}&id=${bobId}&token=${token}`,
    `${base}?key=${key}&id=${id}&token=${token}&version=1.5.5`,
  ];
  expect(await tryUpgrades(mallory.page, attempts)).toEqual(['refused', 'refused', 'refused']);

  // Bob reconnects by himself; Alice still sees Bob (and only Bob), moving, and nobody called Mallory.
  await expect(bob.page.locator('[data-testid="connection-banner"][data-state="reconnecting"]')).toHaveCount(0, {
    timeout: 20_000,
  });
  await expect(alice.remoteTiles()).toHaveCount(1);
  await expect(alice.tile('Bob')).toHaveAttribute('data-connection', 'connected');
  const before = await framesDecoded(alice.page);
  await waitFor('Alice to keep decoding Bob', async () =>
    (await framesDecoded(alice.page)) > before + 10 ? true : undefined,
  );
  await expect.poll(() => isPlaying(alice.tile('Bob').getByTestId('tile-video'))).toBe(true);
  await expect(bob.tile('Alice')).toHaveAttribute('data-connection', 'connected');
  expect(await mallory.page.evaluate(() => document.querySelectorAll('[data-testid="tile"]').length)).toBe(0);
});

import { expect, test, type Browser } from '@playwright/test';
import { launchChromium } from '../support/chromium.js';
import { Participant } from '../support/participant.js';
import { startServer, type ServerProcess } from '../support/serverProcess.js';

let server: ServerProcess;
let browser: Browser;

test.beforeAll(async () => {
  server = await startServer();
  browser = await launchChromium();
});

test.afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

test('in the web page, the desktop menu shortcuts work: microphone, camera, screen share and leave', async () => {
  const alice = await Participant.open(browser, server.url, 'Alice');
  const bob = await Participant.open(browser, server.url, 'Bob');
  await alice.register();
  await bob.register();
  const code = await alice.createMeeting();
  await alice.joinFromPreJoin();
  await bob.enterCode(code);
  await bob.joinFromPreJoin();
  await expect(alice.tile('Bob')).toHaveAttribute('data-connection', 'connected');
  await expect(bob.byTestId('toggle-mic')).toHaveAttribute('aria-keyshortcuts', 'Control+Shift+M');

  const keys = bob.page.keyboard;
  await keys.press('Control+Shift+M');
  await expect(alice.tile('Bob')).toHaveAttribute('data-audio', 'off');
  await expect(bob.byTestId('toggle-mic')).toHaveAttribute('aria-pressed', 'false');
  await keys.press('Control+Shift+O');
  await expect(alice.tile('Bob')).toHaveAttribute('data-video', 'off');
  await keys.press('Control+Shift+E');
  await expect(bob.byTestId('toggle-share')).toHaveAttribute('aria-pressed', 'true');
  await expect(alice.byTestId('screen-stage')).toHaveAttribute('data-presenter', 'Bob');
  // Stopped right after it started (before PeerJS's close signal can reach Alice): it still leaves her stage.
  await keys.press('Control+Shift+E');
  await expect(bob.byTestId('toggle-share')).toHaveAttribute('aria-pressed', 'false');
  await expect(alice.byTestId('screen-stage')).toHaveCount(0);
  // Plain typing is not a shortcut.
  await keys.press('m');
  await expect(alice.tile('Bob')).toHaveAttribute('data-audio', 'off');

  await keys.press('Control+Shift+H');
  await expect(bob.byTestId('create-meeting')).toBeVisible();
  await expect(alice.tile('Bob')).toHaveCount(0, { timeout: 5_000 });

  for (const person of [alice, bob]) await person.close();
});

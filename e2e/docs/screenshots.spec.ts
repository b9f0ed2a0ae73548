import { expect, test } from '@playwright/test';
import { launchChromium } from '../support/chromium.js';
import { Participant } from '../support/participant.js';
import { startServer } from '../support/serverProcess.js';
import { isPlaying } from '../support/tileVideo.js';

/** Screenshots of the real UI for README.md (`npm run screenshots`). Not part of the test run. */
test('README screenshots', async () => {
  const server = await startServer();
  const browser = await launchChromium();
  const shot = (p: Participant, name: string) => p.page.screenshot({ path: `docs/screenshots/${name}.png` });
  try {
    const alice = await Participant.open(browser, server.url, 'Alice');
    const bob = await Participant.open(browser, server.url, 'Bob');
    await alice.byTestId('auth-mode-toggle').click();
    await alice.byTestId('auth-display-name').fill('Alice Martin');
    await alice.byTestId('auth-username').fill('alice');
    await shot(alice, 'sign-in');
    await alice.byTestId('auth-password').fill('correct horse battery');
    await alice.byTestId('auth-submit').click();
    await bob.register();
    const code = await alice.createMeeting();
    await expect.poll(() => isPlaying(alice.byTestId('prejoin-preview'))).toBe(true);
    await shot(alice, 'pre-join');
    await alice.joinFromPreJoin();
    await bob.enterCode(code);
    await bob.joinFromPreJoin();
    await expect.poll(() => isPlaying(alice.remoteTiles().getByTestId('tile-video').first())).toBe(true);
    await shot(alice, 'meeting');
    await alice.byTestId('toggle-share').click();
    await expect.poll(() => isPlaying(bob.byTestId('screen-video'))).toBe(true);
    await shot(bob, 'meeting-screen-share');
    await alice.byTestId('toggle-share').click();
    await expect(bob.byTestId('screen-video')).toHaveCount(0);

    // Chat open, a hand raised.
    await bob.byTestId('toggle-chat').click();
    await bob.byTestId('chat-input').fill('Morning! Notes are at https://wiki.example.com/weekly');
    await bob.byTestId('chat-input').press('Enter');
    await alice.byTestId('toggle-chat').click();
    await expect(alice.byTestId('chat-message')).toHaveCount(1);
    await alice.byTestId('chat-input').fill('Thanks, starting in a minute');
    await alice.byTestId('chat-input').press('Enter');
    await bob.byTestId('toggle-hand').click();
    await shot(alice, 'meeting-chat');

    // Speaker view: Bob speaks (Alice is muted), so he is large, with his speaking mark and ring.
    await alice.byTestId('chat-input').press('Escape');
    await alice.byTestId('toggle-mic').click();
    await alice.byTestId('toggle-layout').click();
    await expect(alice.byTestId('stage-large').getByTestId('tile')).toHaveAttribute('data-display-name', 'Bob');
    await expect(alice.byTestId('stage-large').getByTestId('tile')).toHaveAttribute('data-speaking', 'true');
    await expect(alice.byTestId('notice-banner')).toHaveCount(0, { timeout: 10_000 });
    await shot(alice, 'meeting-speaker-view');
    // The host's menu for one person in the participants list.
    await alice.byTestId('toggle-participants').click();
    await alice.page
      .locator('[data-testid="participant-row"][data-display-name="Bob"]')
      .getByTestId('person-menu')
      .click();
    await expect(alice.page.getByRole('menu')).toBeVisible();
    await shot(alice, 'meeting-host-menu');
    await alice.page.keyboard.press('Escape');

    // The same meeting on a phone.
    await bob.page.setViewportSize({ width: 390, height: 844 });
    await bob.byTestId('chat-input').press('Escape');
    await shot(bob, 'meeting-phone');
  } finally {
    await browser.close();
    await server.stop();
  }
});

import { expect, test } from '../support/fixtures.js';
import { expectAllInViewport } from '../support/controls.js';

/**
 * Phone, tablet and desktop: on pre-join and in the meeting every control is wholly on screen and takes
 * a real click (Playwright fails a click that something else would receive), popovers included.
 */
const SIZES = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'tablet', width: 768, height: 1024 },
  { name: 'desktop', width: 1920, height: 1080 },
];

for (const size of SIZES) {
  test(`${size.name} (${size.width}x${size.height}): every control is on screen and clickable`, async ({ people }) => {
    const alice = await people.open('Alice');
    const { page } = alice;
    await page.setViewportSize({ width: size.width, height: size.height });
    await alice.register();
    await alice.createMeeting();

    // Pre-join.
    await expect(alice.byTestId('prejoin-join')).toBeEnabled();
    await expectAllInViewport(page);
    await alice.byTestId('prejoin-toggle-camera').click();
    await alice.byTestId('prejoin-toggle-camera').click();
    await alice.byTestId('prejoin-toggle-mic').click();
    await alice.byTestId('prejoin-toggle-mic').click();
    await expect(alice.byTestId('prejoin-toggle-mic')).toHaveAttribute('aria-pressed', 'true');
    await alice.joinFromPreJoin();

    // The meeting: the title shows, the invite button stays one line high.
    await expect(alice.byTestId('screen-heading')).toBeVisible();
    expect((await alice.byTestId('screen-heading').boundingBox())?.width ?? 0).toBeGreaterThan(40);
    expect((await alice.byTestId('meeting-copy-invite').boundingBox())?.height ?? 99).toBeLessThanOrEqual(40);
    await expectAllInViewport(page);
    await alice.byTestId('toggle-mic').click();
    await expect(alice.byTestId('toggle-mic')).toHaveAttribute('aria-pressed', 'false');
    await alice.byTestId('toggle-mic').click();
    await alice.byTestId('toggle-camera').click();
    await alice.byTestId('toggle-camera').click();
    await alice.byTestId('meeting-copy-invite').click();

    // The chat: a side panel (a full-screen sheet on phones) whose every control is on screen.
    await alice.byTestId('toggle-chat').click();
    await expect(alice.byTestId('chat-input')).toBeFocused();
    await expectAllInViewport(page);
    await alice.byTestId('chat-input').fill('Hello');
    await alice.byTestId('chat-send').click();
    await expect(alice.byTestId('chat-message')).toHaveCount(1);
    await alice.byTestId('chat-panel-close').click();
    await expect(alice.byTestId('toggle-chat')).toBeFocused();

    const narrow = size.width <= 600;
    if (narrow) {
      // Hand, reactions and participants are in the More menu.
      await expect(alice.byTestId('toggle-hand')).toBeHidden();
      await alice.byTestId('more-menu').click();
      await expectAllInViewport(page);
      await alice.byTestId('more-hand').click();
      await expect(alice.byTestId('tile-hand')).toHaveText('1');
      await alice.byTestId('more-menu').click();
      await alice.byTestId('more-participants').click();
      await expect(alice.byTestId('participant-row')).toHaveCount(1);
      await expectAllInViewport(page);
      await alice.byTestId('participants-panel-close').click();
      // Secondary controls live in the More menu; its panel and the end confirmation stay on screen.
      await expect(alice.byTestId('toggle-share')).toBeHidden();
      await alice.byTestId('more-menu').click();
      await expectAllInViewport(page);
      await alice.byTestId('more-end-meeting').click();
      await expect(page.getByRole('alertdialog')).toBeInViewport({ ratio: 1 });
      await expectAllInViewport(page);
      await alice.byTestId('end-meeting-cancel').click();
      await expect(alice.byTestId('more-menu')).toBeFocused();
      await alice.byTestId('more-menu').click();
      await alice.byTestId('more-share').click();
    } else {
      await alice.byTestId('toggle-hand').click();
      await expect(alice.byTestId('tile-hand')).toHaveText('1');
      await alice.byTestId('toggle-reactions').click();
      await expectAllInViewport(page);
      await page.getByRole('button', { name: 'React with 👍' }).click();
      await expect(alice.byTestId('tile-reaction')).toHaveText('👍');
      await alice.byTestId('toggle-participants').click();
      await expect(alice.byTestId('participant-row')).toHaveCount(1);
      await expectAllInViewport(page);
      await alice.byTestId('participants-panel-close').click();
      await alice.byTestId('device-settings').click();
      await expectAllInViewport(page);
      await alice.byTestId('device-settings').click();
      await alice.byTestId('end-meeting').click();
      await expect(page.getByRole('alertdialog')).toBeInViewport({ ratio: 1 });
      await expectAllInViewport(page);
      await alice.byTestId('end-meeting-cancel').click();
      await alice.byTestId('toggle-share').click();
    }
    await expect(alice.byTestId('screen-stage')).toContainText('You are presenting');
    await expectAllInViewport(page);
    await alice.byTestId('leave').click();
    await expect(alice.byTestId('left-view')).toBeVisible();
    await expectAllInViewport(page);
  });
}

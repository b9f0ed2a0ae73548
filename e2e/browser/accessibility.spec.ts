import { expectNoSeriousViolations } from '../support/axe.js';
import { expect, test } from '../support/fixtures.js';
import { isPlaying } from '../support/tileVideo.js';

for (const colorScheme of ['light', 'dark'] as const) {
  test(`every screen passes axe in the ${colorScheme} theme`, async ({ people }) => {
    const alice = await people.open('Alice');
    const { page } = alice;
    await page.emulateMedia({ colorScheme });

    await expect(alice.byTestId('auth-submit')).toBeVisible();
    await expectNoSeriousViolations(page, 'sign-in');

    await alice.register();
    // Focus lands on the new screen's heading (not the page body) after sign-in, Create meeting and Join.
    await expect(alice.byTestId('screen-heading')).toBeFocused();
    await expectNoSeriousViolations(page, 'home');

    await alice.createMeeting();
    await expect(alice.byTestId('prejoin-join')).toBeEnabled();
    await expect(alice.byTestId('screen-heading')).toBeFocused();
    // The screen as the person sees it once the camera preview plays (not the instant before the video starts).
    await expect.poll(() => isPlaying(alice.byTestId('prejoin-preview'))).toBe(true);
    await expectNoSeriousViolations(page, 'pre-join');

    await alice.joinFromPreJoin();
    await expect(alice.byTestId('screen-heading')).toBeFocused();
    await expect(alice.tile('Alice')).toBeVisible();
    await expectNoSeriousViolations(page, 'meeting');

    // Chat open with a message with a link and a raised hand; then the participants list.
    await alice.byTestId('toggle-hand').click();
    await alice.byTestId('toggle-chat').click();
    await expect(alice.byTestId('chat-input')).toBeFocused();
    await alice.byTestId('chat-input').fill('Notes at https://example.com/notes');
    await alice.byTestId('chat-input').press('Enter');
    await expect(alice.byTestId('chat-message')).toHaveCount(1);
    await expectNoSeriousViolations(page, 'meeting with the chat open');
    await page.keyboard.press('Escape');
    await expect(alice.byTestId('toggle-chat')).toBeFocused();
    await alice.byTestId('toggle-participants').click();
    await expect(alice.byTestId('participant-row')).toHaveCount(1);
    await expectNoSeriousViolations(page, 'meeting with the participants open');
    await alice.byTestId('participants-panel-close').click();
    await alice.byTestId('toggle-hand').click();

    // Speaker view, with her own tile pinned large (its pin button pressed) and speaking.
    await alice.byTestId('toggle-layout').click();
    await alice.tile('Alice').getByTestId('tile-pin').click();
    await expect(alice.byTestId('stage-large').getByTestId('tile')).toHaveAttribute('data-speaking', 'true');
    await expectNoSeriousViolations(page, 'meeting in speaker view with a pinned tile');
    await alice.tile('Alice').getByTestId('tile-pin').click();
    await alice.byTestId('toggle-layout').click();

    await alice.byTestId('toggle-share').click();
    await expect(alice.byTestId('screen-stage')).toBeVisible();
    await expectNoSeriousViolations(page, 'meeting with a shared screen');

    await alice.byTestId('end-meeting').click();
    await expect(alice.byTestId('end-meeting-cancel')).toBeFocused();
    await expectNoSeriousViolations(page, 'end-meeting confirmation');
    // The confirmation keeps focus inside it, and Escape closes it with focus back on its button.
    await page.keyboard.press('Tab');
    await expect(alice.byTestId('end-meeting-confirm')).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(alice.byTestId('end-meeting-cancel')).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('alertdialog')).toHaveCount(0);
    await expect(alice.byTestId('end-meeting')).toBeFocused();

    await alice.byTestId('leave').click();
    await expect(alice.byTestId('left-view')).toBeVisible();
    await expectNoSeriousViolations(page, 'you left');
  });
}

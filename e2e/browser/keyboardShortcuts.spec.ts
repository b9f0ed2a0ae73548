import { expect, test } from '../support/fixtures.js';

test('in the web page, the desktop menu shortcuts work: microphone, camera, screen share and leave', async ({
  meet,
}) => {
  const { alice, bob } = await meet();
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
  await expect(bob.byTestId('left-view')).toBeVisible();
  await expect(bob.page.getByRole('heading', { name: 'You left the meeting' })).toBeFocused();
  await bob.byTestId('left-home').click();
  await expect(bob.byTestId('create-meeting')).toBeVisible();
  await expect(alice.tile('Bob')).toHaveCount(0, { timeout: 5_000 });
});

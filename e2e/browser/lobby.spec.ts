import { expectNoSeriousViolations, switchToDarkTheme } from '../support/axe.js';
import { expectAllInViewport } from '../support/controls.js';
import { expect, test } from '../support/fixtures.js';

const PHONE = { width: 390, height: 844 };

test('a guest without an account opens the invite, waits in the lobby and is let in; another is turned away', async ({
  people,
}) => {
  const alice = await people.open('Alice');
  await alice.register();
  const code = await alice.createMeeting({ lobby: true });
  const invite = new URL(await alice.inviteLink()).pathname;
  await alice.joinFromPreJoin();

  // Gina has no account: the invite link asks only for her name, and her camera preview shows while she waits.
  const gina = await people.open('Gina', invite);
  await expect(gina.byTestId('guest-name')).toBeVisible();
  await expectNoSeriousViolations(gina.page, 'the invite, with the guest form');
  // From here on Gina's browser is in the dark theme.
  await switchToDarkTheme(gina.page);
  await expectNoSeriousViolations(gina.page, 'the invite, with the guest form (dark)');
  await gina.byTestId('guest-name').fill('Gina');
  await gina.byTestId('guest-join').click();
  await expect(gina.byTestId('lobby-status')).toHaveAttribute('data-phase', 'ready');
  await expect(gina.byTestId('lobby-status')).toContainText(code);
  await gina.byTestId('lobby-ask').click();
  await expect(gina.byTestId('lobby-status')).toHaveAttribute('data-phase', 'waiting');
  // The host hears it in the live region (while it is news: an emptied region says nothing old again).
  await expect(alice.byTestId('meeting-announcer')).toHaveText('Gina, a guest, is waiting to join.');
  await expect(gina.byTestId('screen-heading')).toHaveText('Waiting for the host to let you in');
  await expect(gina.byTestId('prejoin-preview')).toBeVisible();
  await expectNoSeriousViolations(gina.page, 'the waiting room (dark)');
  // On a phone, the waiting room's preview, text and buttons are all on screen.
  await gina.page.setViewportSize(PHONE);
  await expectAllInViewport(gina.page);
  await expect(gina.byTestId('lobby-status')).toBeInViewport({ ratio: 1 });
  await expectNoSeriousViolations(gina.page, 'the waiting room (dark, phone)');
  // Nothing of the meeting reaches her while she waits: not its title, not who is in it.
  await expect(gina.page.getByText('Alice')).toHaveCount(0);

  // The host sees who knocks and lets her in from the keyboard.
  await expect(alice.byTestId('lobby-knocker')).toHaveAttribute('data-display-name', 'Gina');
  await expectNoSeriousViolations(alice.page, "the host's notice of who knocks");
  await switchToDarkTheme(alice.page);
  await expectNoSeriousViolations(alice.page, "the host's notice of who knocks (dark)");
  const desktopSize = alice.page.viewportSize();
  await alice.page.setViewportSize(PHONE);
  await expect(alice.byTestId('lobby-requests')).toBeInViewport({ ratio: 1 });
  await expectAllInViewport(alice.page);
  await expectNoSeriousViolations(alice.page, "the host's notice of who knocks (dark, phone)");
  if (desktopSize) await alice.page.setViewportSize(desktopSize);
  await alice.page.getByRole('button', { name: 'Admit Gina' }).focus();
  await alice.page.keyboard.press('Enter');
  await expect(alice.byTestId('lobby-requests')).toHaveCount(0);

  await expect(gina.byTestId('meeting-view')).toBeVisible();
  await expect(alice.tile('Gina')).toHaveAttribute('data-connection', 'connected');
  await expect(gina.tile('Alice')).toHaveAttribute('data-connection', 'connected');
  // Marked as a guest wherever her name shows.
  await expect(alice.tile('Gina')).toHaveAttribute('aria-label', /Gina \(guest\)/);

  // Dan knocks too, and is turned away: he is told, and cannot ask again at once.
  const dan = await people.open('Dan', invite);
  await dan.byTestId('guest-name').fill('Dan');
  await dan.byTestId('guest-join').click();
  await dan.byTestId('lobby-ask').click();
  await expect(dan.byTestId('lobby-status')).toHaveAttribute('data-phase', 'waiting');
  await alice.page.getByRole('button', { name: 'Deny Dan' }).click();
  await expect(dan.byTestId('lobby-status')).toHaveAttribute('data-phase', 'denied');
  await expect(dan.byTestId('screen-heading')).toHaveText('The host did not let you in');
  await expect(dan.byTestId('lobby-status')).toContainText('You can ask again in 2 minutes');
  await dan.byTestId('lobby-ask').click();
  await expect(dan.byTestId('lobby-status')).toHaveAttribute('data-phase', 'denied');
  await expect(alice.byTestId('lobby-requests')).toHaveCount(0);
  await expect(alice.remoteTiles()).toHaveCount(1);

  // Someone with an account signs in from the invite: pre-join shows no title or host, then they wait too.
  const bob = await people.open('Bob', invite);
  await bob.register('prejoin');
  await expect(bob.page.getByText('This meeting has a waiting room')).toBeVisible();
  await bob.byTestId('prejoin-join').click();
  await expect(bob.byTestId('lobby-status')).toHaveAttribute('data-phase', 'waiting');
  await alice.page.getByRole('button', { name: 'Admit Bob' }).click();
  await expect(bob.byTestId('meeting-view')).toBeVisible();
  await expect(alice.tile('Bob')).toBeVisible();
});

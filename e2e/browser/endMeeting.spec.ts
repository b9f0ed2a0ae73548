import { userMessage } from '@wava/protocol';
import { expect, test } from '../support/fixtures.js';
import { connectionStats } from '../support/rtcProbe.js';
import { waitFor } from '../support/waitFor.js';

test('the host ends the meeting for everyone; the others are told and the code stops working', async ({ meet }) => {
  const { alice, bob, code } = await meet();

  // Only the host is offered the control.
  await expect(alice.byTestId('end-meeting')).toBeVisible();
  await expect(bob.byTestId('end-meeting')).toHaveCount(0);

  // Backing out of the confirm step changes nothing.
  await alice.byTestId('end-meeting').click();
  await alice.byTestId('end-meeting-cancel').click();
  await expect(alice.page.getByRole('alertdialog')).toHaveCount(0);
  await expect(bob.tile('Alice')).toBeVisible();

  await alice.byTestId('end-meeting').click();
  await expect(alice.page.getByRole('alertdialog')).toContainText('End the meeting for everyone?');
  await alice.byTestId('end-meeting-confirm').click();

  // Bob is told why and is back on Home, his calls closed; Alice is back on Home without a message.
  await expect(bob.byTestId('home-error')).toHaveText(userMessage('MEETING_ENDED'));
  await expect(bob.byTestId('meeting-view')).toHaveCount(0);
  await expect(bob.byTestId('create-meeting')).toBeVisible();
  await waitFor("Bob's peer connections to close", async () =>
    (await connectionStats(bob.page)).length === 0 ? true : undefined,
  );
  await expect(alice.byTestId('create-meeting')).toBeVisible();
  await expect(alice.byTestId('home-error')).toHaveCount(0);

  // The code no longer opens the meeting, for either of them (Bob reloads first, so the sentence is new).
  await bob.page.reload();
  await expect(bob.byTestId('current-user')).toContainText('Bob');
  await expect(bob.byTestId('home-error')).toHaveCount(0);
  await bob.enterCode(code);
  await expect(bob.byTestId('home-error')).toHaveText(userMessage('MEETING_ENDED'));
  await expect(bob.byTestId('prejoin-join')).toHaveCount(0);
  await alice.enterCode(code);
  await expect(alice.byTestId('home-error')).toHaveText(userMessage('MEETING_ENDED'));
});

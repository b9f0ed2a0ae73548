import { expect, test } from '../support/fixtures.js';

test('a link that holds no meeting code says so instead of silently showing Home', async ({ people }) => {
  const alice = await people.open('Alice', '/j/not-a-code');
  await alice.register();
  await expect(alice.byTestId('home-error')).toContainText('That is not a meeting link');
});

test('one share at a time, Back asks before leaving, and Leave says so with Rejoin', async ({ meet }) => {
  const { alice, bob, code } = await meet();
  await expect(alice.page).toHaveURL(new RegExp(`/j/${code}$`));

  // Alice presents, then Bob: Bob's share replaces hers, she is told, and each sees the truth.
  await alice.byTestId('toggle-share').click();
  await expect(bob.byTestId('screen-stage')).toHaveAttribute('data-presenter', 'Alice');
  await bob.byTestId('toggle-share').click();
  await expect(bob.byTestId('screen-stage')).toContainText('You are presenting');
  await expect(alice.byTestId('share-replaced')).toContainText('Bob started presenting');
  await expect(alice.byTestId('toggle-share')).toHaveAttribute('aria-pressed', 'false');
  await expect(alice.byTestId('screen-stage')).toHaveAttribute('data-presenter', 'Bob');

  // Back asks first: staying keeps the call, confirming leaves.
  let asked = 0;
  bob.page.once('dialog', (dialog) => {
    asked += 1;
    void dialog.dismiss();
  });
  await bob.page.goBack();
  await expect.poll(() => asked).toBe(1);
  await expect(bob.byTestId('meeting-view')).toBeVisible();
  await expect(alice.tile('Bob')).toBeVisible();
  bob.page.once('dialog', (dialog) => void dialog.accept());
  await bob.page.goBack();
  await expect(bob.byTestId('left-view')).toBeVisible();
  await expect(bob.page).toHaveURL(/\/left$/);
  await expect(alice.tile('Bob')).toHaveCount(0, { timeout: 5_000 });
  // Screen reader users hear it from a polite live region.
  await expect(alice.byTestId('meeting-announcer')).toHaveText('Bob left the meeting.');
  await expect(alice.byTestId('meeting-announcer')).toHaveAttribute('aria-live', 'polite');

  // Rejoin brings him back into the same meeting.
  await bob.byTestId('rejoin').click();
  await bob.joinFromPreJoin();
  await expect(alice.tile('Bob')).toBeVisible();
  await expect(alice.byTestId('meeting-announcer')).toHaveText('Bob joined the meeting.');
});

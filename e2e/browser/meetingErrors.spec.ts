import { userMessage } from '@wava/protocol';
import { expect, test } from '../support/fixtures.js';
import { PASSWORD } from '../support/participant.js';

test.use({ serverEnv: { WAVA_MAX_PARTICIPANTS: '2' } });

test('people are told clearly when sign-in fails, a meeting does not exist, or is full', async ({ people }) => {
  const alice = await people.open('Alice');
  await alice.register();
  await alice.byTestId('sign-out').click();

  // Wrong password, in sign-in mode.
  await expect(alice.byTestId('auth-display-name')).toBeHidden();
  await alice.byTestId('auth-username').fill(alice.username);
  await alice.byTestId('auth-password').fill('not the password');
  await alice.byTestId('auth-submit').click();
  await expect(alice.byTestId('auth-error')).toHaveText(userMessage('INVALID_CREDENTIALS'));

  await alice.byTestId('auth-password').fill(PASSWORD);
  await alice.byTestId('auth-submit').click();
  await expect(alice.byTestId('current-user')).toContainText('Alice');

  await alice.enterCode('zzz-zzzz-zzz');
  await expect(alice.byTestId('home-error')).toHaveText(userMessage('MEETING_NOT_FOUND'));

  const code = await alice.createMeeting();
  await alice.joinFromPreJoin();
  const bob = await people.open('Bob');
  await bob.register();
  await bob.enterCode(code);
  await bob.joinFromPreJoin();

  const carol = await people.open('Carol');
  await carol.register();
  await carol.enterCode(code);
  await carol.byTestId('prejoin-join').click();
  await expect(carol.page.getByText(userMessage('MEETING_FULL'))).toBeVisible();
});

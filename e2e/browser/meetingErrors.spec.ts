import { expect, test, type Browser } from '@playwright/test';
import { userMessage } from '@wava/protocol';
import { launchChromium } from '../support/chromium.js';
import { Participant } from '../support/participant.js';
import { startServer, type ServerProcess } from '../support/serverProcess.js';

let server: ServerProcess;
let browser: Browser;

test.beforeAll(async () => {
  server = await startServer({ WAVA_MAX_PARTICIPANTS: '2' });
  browser = await launchChromium();
});

test.afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

test('people are told clearly when sign-in fails, a meeting does not exist, or is full', async () => {
  const alice = await Participant.open(browser, server.url, 'Alice');
  await alice.register();
  await alice.byTestId('sign-out').click();

  // Wrong password, in sign-in mode.
  await expect(alice.byTestId('auth-display-name')).toBeHidden();
  await alice.byTestId('auth-username').fill(alice.username);
  await alice.byTestId('auth-password').fill('not the password');
  await alice.byTestId('auth-submit').click();
  await expect(alice.byTestId('auth-error')).toHaveText(userMessage('INVALID_CREDENTIALS'));

  await alice.byTestId('auth-password').fill('correct horse battery');
  await alice.byTestId('auth-submit').click();
  await expect(alice.byTestId('current-user')).toContainText('Alice');

  await alice.enterCode('zzz-zzzz-zzz');
  await expect(alice.byTestId('home-error')).toHaveText(userMessage('MEETING_NOT_FOUND'));

  const code = await alice.createMeeting();
  await alice.joinFromPreJoin();
  const bob = await Participant.open(browser, server.url, 'Bob');
  await bob.register();
  await bob.enterCode(code);
  await bob.joinFromPreJoin();

  const carol = await Participant.open(browser, server.url, 'Carol');
  await carol.register();
  await carol.enterCode(code);
  await carol.byTestId('prejoin-join').click();
  await expect(carol.page.getByText(userMessage('MEETING_FULL'))).toBeVisible();

  for (const person of [alice, bob, carol]) await person.close();
});

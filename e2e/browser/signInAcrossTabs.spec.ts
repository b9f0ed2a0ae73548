import { createApiClient } from '@wava/protocol';
import { expect, test } from '../support/fixtures.js';
import { storedSession } from '../support/storedSession.js';
import { waitFor } from '../support/waitFor.js';

// Access tokens live 10 s (the server's minimum), so each tab's store refreshes every 5 s, both at the same moment.
test.use({ serverEnv: { WAVA_ACCESS_TOKEN_TTL: '10s' } });

test('an invite link opened in a new tab lands on pre-join without signing in again', async ({ people }) => {
  const alice = await people.open('Alice');
  await alice.register();
  const code = await alice.createMeeting();
  const link = await alice.inviteLink();

  const tab = await alice.context.newPage();
  await tab.goto(link);
  await expect(tab.getByTestId('prejoin-join')).toBeVisible();
  await expect(tab.getByTestId('meeting-code')).toHaveText(code);
  await expect(tab.getByTestId('auth-submit')).toHaveCount(0);
});

test('two tabs refreshing one sign-in at the same moment stay signed in, and sign out together', async ({ people }) => {
  const alice = await people.open('Alice');
  await alice.register();
  const second = await alice.context.newPage();
  await second.goto(alice.page.url());
  await expect(second.getByTestId('current-user')).toHaveText('Alice');
  const refreshes: string[] = [];
  alice.context.on('request', (request) => {
    if (request.url().endsWith('/api/auth/refresh')) refreshes.push(request.url());
  });

  // Three rotations of the refresh token, each wanted by both tabs at once: one refresh each time, or the
  // server would see a used refresh token and revoke the sign-in in both tabs.
  const first = await storedSession(alice.page);
  const seen = new Set([first?.refreshToken]);
  await waitFor(
    'three refreshes',
    async () => {
      seen.add((await storedSession(alice.page))?.refreshToken);
      return seen.size >= 4 ? true : undefined;
    },
    { timeoutMs: 40_000, intervalMs: 200 },
  );
  expect(refreshes.length).toBeLessThanOrEqual(seen.size);
  for (const page of [alice.page, second]) {
    await page.reload();
    await expect(page.getByTestId('current-user')).toHaveText('Alice');
  }
  await expect(second.getByTestId('create-meeting')).toBeEnabled();
  await second.getByTestId('create-meeting').click();
  await expect(second.getByTestId('prejoin-join')).toBeVisible();

  // Signing out in one tab signs out the other, which says why.
  await alice.byTestId('sign-out').click();
  await expect(second.getByTestId('auth-submit')).toBeVisible();
  await expect(second.getByTestId('auth-error')).toHaveText(
    'You signed out, or signed in as someone else, in another tab or window.',
  );
});

test('before asking anyone to sign in, an invite link says whether its meeting is open, ended or unknown', async ({
  people,
  server,
}) => {
  const alice = await people.open('Alice');
  await alice.register();
  const code = await alice.createMeeting();
  const link = await alice.inviteLink();

  const guest = await people.open('Guest', link);
  await expect(guest.byTestId('invite-status')).toHaveAttribute('data-status', 'open');
  await expect(guest.byTestId('invite-status')).toContainText(`You are invited to meeting ${code}`);

  const session = await storedSession(alice.page);
  expect((await createApiClient(server.url).endMeeting(session!.accessToken, code)).ok).toBe(true);
  await guest.page.reload();
  await expect(guest.byTestId('invite-status')).toHaveAttribute('data-status', 'ended');
  await expect(guest.byTestId('invite-status')).toContainText(`Meeting ${code} has ended`);

  await guest.page.goto(new URL('/j/abc-defg-hij', server.url).toString());
  await expect(guest.byTestId('invite-status')).toHaveAttribute('data-status', 'unknown');
  await expect(guest.byTestId('invite-status')).toContainText('There is no meeting abc-defg-hij');
});

import { createApiClient, userMessage } from '@wava/protocol';
import { expect, test } from '../support/fixtures.js';
import { connectionStats, liveDeviceTracks } from '../support/rtcProbe.js';
import { storedSession } from '../support/storedSession.js';
import { waitFor } from '../support/waitFor.js';

test('signed out elsewhere during a meeting: Alice lands on sign-in with the reason, Bob sees her go', async ({
  server,
  meet,
}) => {
  const { alice, bob } = await meet();

  // Alice signs out on another device: her refresh token (what the browser keeps for a reload and other tabs) is revoked.
  const refreshToken = (await storedSession(alice.page))?.refreshToken;
  expect(refreshToken).toBeTruthy();
  const logout = await createApiClient(server.url).logout(refreshToken ?? '');
  expect(logout.ok).toBe(true);

  // Alice is on sign-in, told why; her calls are closed and her camera and microphone released.
  await expect(alice.byTestId('auth-error')).toHaveText(userMessage('TOKEN_INVALID'));
  await expect(alice.byTestId('meeting-view')).toHaveCount(0);
  await waitFor('Alice to close her calls', async () =>
    (await connectionStats(alice.page)).length === 0 ? true : undefined,
  );
  await waitFor('Alice to release camera and microphone', async () =>
    (await liveDeviceTracks(alice.page)) === 0 ? true : undefined,
  );
  // Signed out here too: nothing is kept for a reload, which stays on sign-in.
  expect(await storedSession(alice.page)).toBeNull();
  await alice.page.reload();
  await expect(alice.byTestId('auth-submit')).toBeVisible();
  await expect(alice.byTestId('current-user')).toHaveCount(0);

  // Bob stays in the meeting and sees her tile go.
  await expect(bob.tile('Alice')).toHaveCount(0, { timeout: 5_000 });
  await expect(bob.byTestId('meeting-view')).toBeVisible();
});

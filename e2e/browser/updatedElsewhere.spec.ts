import { expectNoSeriousViolations } from '../support/axe.js';
import { expect, test } from '../support/fixtures.js';
import { storedValue, storeValue } from '../support/storedSession.js';
import { SESSION_FORMAT } from '../../desktop/src/renderer/platform/sessionFormat.js';

// Access tokens live 10 s (the server's minimum): an open tab's refresh timer fires 5 s after signing in.
test.use({ serverEnv: { WAVA_ACCESS_TOKEN_TTL: '10s' } });

const UPDATED = 'Wava was updated in another tab. Reload this page to continue.';

test('a page older than the stored sign-in says Wava was updated in another tab, and its Reload button brings the sign-in back', async ({
  people,
}) => {
  const alice = await people.open('Alice');
  await alice.register();
  const ours = await storedValue(alice.page);
  expect(typeof ours).toBe('string');
  // A newer version of Wava, opened in another tab, keeps the sign-in in a format this page cannot use.
  await storeValue(alice.page, JSON.stringify({ ...JSON.parse(ours as string), format: SESSION_FORMAT + 1 }));

  // The open tab, when its access token needs refreshing: the sign-in screen, saying why and what to do.
  await expect(alice.byTestId('auth-error')).toHaveText(UPDATED, { timeout: 15_000 });
  const reload = alice.page.getByRole('button', { name: 'Reload' });
  await expect(reload).toBeVisible();

  // A tab of this version opened now says the same at once.
  const later = await alice.context.newPage();
  await later.goto(alice.page.url());
  await expect(later.getByTestId('auth-error')).toHaveText(UPDATED);
  await expectNoSeriousViolations(later, 'sign-in, updated in another tab');
  await later.close();

  // Reloading brings the version that keeps the sign-in (here the stored value is this version's again): signed in.
  await storeValue(alice.page, ours);
  await reload.focus();
  await Promise.all([alice.page.waitForEvent('load'), alice.page.keyboard.press('Enter')]);
  await expect(alice.byTestId('current-user')).toHaveText('Alice');
});

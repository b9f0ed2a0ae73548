import { createApiClient, userMessage } from '@wava/protocol';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from '@playwright/test';
import { expectNoSeriousViolations } from '../support/axe.js';
import { expect, test } from '../support/fixtures.js';
import { PASSWORD } from '../support/participant.js';
import { SHARED_SESSION_LOCATION, storedValue, storeValue } from '../support/storedSession.js';

/**
 * Holds back the app's own script (the build's `index` entry) until `release` is called: what the page shows
 * meanwhile is the sign-in shell of index.html alone.
 */
async function holdTheApp(page: Page): Promise<() => void> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/assets\/index-[^/]+\.js$/, async (route) => {
    await released;
    await route.continue();
  });
  return release;
}

/**
 * A page of a context of its own (`options` for the context: English unless given) that opened the server with the
 * app's script held back (see holdTheApp).
 */
async function openHeldPage(
  browser: Browser,
  serverUrl: string,
  options: BrowserContextOptions = {},
): Promise<{ context: BrowserContext; page: Page; release: () => void }> {
  const context = await browser.newContext({ locale: 'en-US', ...options });
  try {
    const page = await context.newPage();
    const release = await holdTheApp(page);
    // Not waiting for `load`: the app's held script keeps it from firing.
    await page.goto(serverUrl, { waitUntil: 'commit' });
    return { context, page, release };
  } catch (error) {
    await context.close();
    throw error;
  }
}

/**
 * Someone registered as `displayName` (with a fresh username starting with `prefix`), not signed in, on a held page
 * (see openHeldPage).
 */
async function openHeldSignIn(
  browser: Browser,
  serverUrl: string,
  prefix: string,
  displayName: string,
): Promise<{ context: BrowserContext; page: Page; release: () => void; username: string }> {
  const username = `${prefix}-${Math.random().toString(36).slice(2, 8)}`;
  const registered = await createApiClient(serverUrl).register({ username, displayName, password: PASSWORD });
  expect(registered.ok).toBe(true);
  return { ...(await openHeldPage(browser, serverUrl)), username };
}

test('someone not signed in can fill in and send the sign-in form before the app has loaded', async ({
  browser,
  server,
}) => {
  const { context, page, release, username } = await openHeldSignIn(browser, server.url, 'shell', 'Shell');
  try {
    // The prerendered form, with the app's script still held back: typed into, and Sign in pressed.
    await expect(page.locator('#signin-shell')).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    await page.getByTestId('auth-username').fill(username);
    await page.getByTestId('auth-password').fill(PASSWORD);
    await page.getByTestId('auth-submit').click();
    await expect(page.locator('#signin-shell')).toBeVisible();
    expect(page.url()).toBe(`${server.url}/`);

    // The app takes over and sends it: signed in, with nothing typed again.
    release();
    await expect(page.getByTestId('current-user')).toContainText('Shell');
    await expect(page.locator('#signin-shell')).toHaveCount(0);
  } finally {
    await context.close();
  }
});

for (const way of ['pointer', 'Space'] as const) {
  test(`a Sign in pressed (${way}) on the form before the app loaded and released after it took over is sent`, async ({
    browser,
    server,
  }) => {
    const { context, page, release, username } = await openHeldSignIn(browser, server.url, 'press', 'Press');
    try {
      await page.getByTestId('auth-username').fill(username);
      await page.getByTestId('auth-password').fill(PASSWORD);
      if (way === 'pointer') {
        const box = await page.getByTestId('auth-submit').boundingBox();
        if (!box) throw new Error('Sign in has no box');
        await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
        await page.mouse.down();
      } else {
        // A button's Space press is sent on the key's release, on the button that saw it go down.
        await page.getByTestId('auth-submit').focus();
        await page.keyboard.down('Space');
      }
      // The app takes over while the button is held down; the release lands on the app's own button.
      release();
      await expect(page.locator('#signin-shell')).toHaveCount(0);
      await expect(page.getByTestId('auth-submit')).toBeFocused();
      if (way === 'pointer') await page.mouse.up();
      else await page.keyboard.up('Space');
      await expect(page.getByTestId('current-user')).toContainText('Press');
    } finally {
      await context.close();
    }
  });
}

test('"Create an account" and the language list answer at once before the app has loaded, and the app goes on', async ({
  browser,
  server,
}) => {
  const { context, page, release } = await openHeldPage(browser, server.url);
  try {
    await expect(page.locator('#signin-shell')).toBeVisible();
    const username = `fresh-${Math.random().toString(36).slice(2, 8)}`;
    await page.getByTestId('auth-username').fill(username);
    await page.getByTestId('auth-mode-toggle').click();
    // The registration form, with the name typed before, while the app is still held back.
    await expect(page.getByRole('heading', { name: 'Create your account' })).toBeVisible();
    await expect(page.getByTestId('auth-username')).toHaveValue(username);
    await page.getByTestId('auth-display-name').fill('Fresh Person');
    // As a person picking from the list does, it has the keyboard (selectOption alone does not move it).
    await page.getByTestId('language-select').focus();
    await page.getByTestId('language-select').selectOption('ko');
    await expect(page.getByRole('heading', { name: '계정 만들기' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
    await expect(page.getByTestId('language-select')).toBeFocused();
    await expect(page.getByTestId('auth-display-name')).toHaveValue('Fresh Person');
    await expectNoSeriousViolations(page, 'sign-in shell, registering in Korean');
    await page.getByTestId('auth-password').fill(PASSWORD);
    await page.getByTestId('auth-submit').click();
    await expect(page.locator('#signin-shell')).toBeVisible();

    // The app takes over in Korean and registers the account: nothing typed again.
    release();
    await expect(page.getByTestId('current-user')).toContainText('Fresh Person');
    await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
    await expect(page.locator('#signin-shell')).toHaveCount(0);
  } finally {
    await context.close();
  }
});

test('someone signed in never sees a sign-in form, not even before the app has loaded', async ({ people, server }) => {
  expect(await (await fetch(server.url)).text()).toContain('id="signin-shell"');
  const alice = await people.open('Alice');
  await alice.register();
  const { page } = alice;
  // Notes whether the shell is ever revealed, from the first byte of the page on.
  await page.addInitScript(() => {
    const seen = window as unknown as { __shellShown: boolean };
    seen.__shellShown = false;
    new MutationObserver((changes) => {
      for (const change of changes) {
        const element = change.target as HTMLElement;
        if (element.id === 'signin-shell' && !element.hidden) seen.__shellShown = true;
      }
    }).observe(document, { subtree: true, attributes: true, attributeFilter: ['hidden'] });
  });
  const release = await holdTheApp(page);
  await page.reload({ waitUntil: 'commit' });

  // The shell's own script found the stored sign-in and removed the form; the app is still held back.
  await expect(page.locator('#signin-shell')).toHaveCount(0);
  await expect(page.getByTestId('current-user')).toHaveCount(0);
  release();
  await expect(alice.byTestId('current-user')).toContainText('Alice');
  expect(await page.evaluate(() => (window as unknown as { __shellShown: boolean }).__shellShown)).toBe(false);
});

test('the sign-in form before the app has loaded is accessible in both colour schemes, wide and on a phone', async ({
  browser,
  server,
}) => {
  for (const device of [
    { name: 'wide', viewport: { width: 1280, height: 800 }, isMobile: false },
    // A phone's browser: its own width (index.html's viewport meta), touch.
    { name: 'phone', viewport: { width: 390, height: 844 }, isMobile: true },
  ]) {
    const { name, ...screen } = device;
    const context = await browser.newContext({ locale: 'en-US', ...screen, hasTouch: screen.isMobile });
    try {
      const page = await context.newPage();
      const release = await holdTheApp(page);
      for (const colorScheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme });
        await page.goto(server.url, { waitUntil: 'commit' });
        await expect(page.locator('#signin-shell')).toBeVisible();
        await expect(page.locator('body')).toHaveCSS('color-scheme', colorScheme);
        await expectNoSeriousViolations(page, `sign-in shell, ${name}, ${colorScheme}`);
        // Nothing of the form is cut off or needs sideways scrolling.
        const overflow = await page.locator('#signin-shell').evaluate((shell) => ({
          sideways: shell.scrollWidth - shell.clientWidth,
          outside: Array.from(shell.querySelectorAll('input, button, select, h1')).filter((element) => {
            const box = element.getBoundingClientRect();
            return box.left < 0 || box.right > window.innerWidth;
          }).length,
        }));
        expect(overflow, `sign-in shell, ${name}`).toEqual({ sideways: 0, outside: 0 });
      }
      release();
    } finally {
      await context.close();
    }
  }
});

test('a stored sign-in the app cannot read counts as none: the form shows before the app loads, and the app removes it', async ({
  browser,
  server,
}) => {
  const context = await browser.newContext({ locale: 'en-US' });
  try {
    // Left by an older version (another shape, or not text at all), or damaged.
    for (const unreadable of ['{"token":"from an older version"}', 'not a session', { token: 'not text' }]) {
      const page = await context.newPage();
      const warnings: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'warning') warnings.push(message.text());
      });
      await page.goto(`${server.url}/healthz`);
      await storeValue(page, unreadable);
      const release = await holdTheApp(page);
      await page.goto(server.url, { waitUntil: 'commit' });
      await expect(page.locator('#signin-shell')).toBeVisible();
      release();
      await expect(page.locator('#signin-shell')).toHaveCount(0);
      await expect(page.getByTestId('auth-submit')).toBeVisible();
      await expect.poll(() => storedValue(page)).toBeUndefined();
      expect(warnings.join('\n')).toContain('[wava] removed a stored sign-in that could not be read');
      await page.close();
    }
  } finally {
    await context.close();
  }
});

test("a newer version raising the sign-in database's version in one tab is not blocked by the other tabs", async ({
  people,
  server,
}) => {
  const alice = await people.open('Alice');
  await alice.register();
  // A tab where only the shell ran (the app held back): it found the sign-in and removed the form.
  const shellOnly = await alice.context.newPage();
  await holdTheApp(shellOnly);
  await shellOnly.goto(server.url, { waitUntil: 'commit' });
  await expect(shellOnly.locator('#signin-shell')).toHaveCount(0);

  const upgrading = await alice.context.newPage();
  await upgrading.goto(`${server.url}/healthz`);
  const outcome = await upgrading.evaluate(
    ({ database }) =>
      new Promise<string>((resolve) => {
        const request = indexedDB.open(database, 2);
        request.onblocked = () => resolve('blocked by another tab');
        request.onerror = () => resolve(`failed: ${request.error?.name ?? 'unknown'}`);
        request.onsuccess = () => {
          request.result.close();
          resolve('upgraded');
        };
      }),
    SHARED_SESSION_LOCATION,
  );
  expect(outcome).toBe('upgraded');
});

test('a page whose validating code the server no longer has (a new build) says to reload, with a Reload button, not that the server is unreachable', async ({
  browser,
  server,
}) => {
  const context = await browser.newContext({ locale: 'en-US' });
  try {
    const page = await context.newPage();
    // The chunk with zod and the checked HTTP client, under the name the page's build gave it: gone since.
    const gone = /\/assets\/validation-[^/]+\.js$/;
    let asked = 0;
    await page.route(gone, (route) => {
      asked += 1;
      return route.fulfill({ status: 404, contentType: 'text/plain', body: 'Not Found' });
    });
    await page.goto(server.url);
    await page.getByTestId('auth-username').fill('someone');
    await page.getByTestId('auth-password').fill(PASSWORD);
    await page.getByTestId('auth-submit').click();
    await expect(page.getByTestId('auth-error')).toHaveText(userMessage('RELOAD_NEEDED'));
    expect(asked).toBeGreaterThan(0);
    // Reloaded, the page is of the server's build (here: the chunk is back), and signing in gets its answer.
    await page.unroute(gone);
    const reload = page.getByRole('button', { name: 'Reload' });
    await reload.focus();
    await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
    await page.getByTestId('auth-username').fill('someone');
    await page.getByTestId('auth-password').fill(PASSWORD);
    await page.getByTestId('auth-submit').click();
    await expect(page.getByTestId('auth-error')).toHaveText(userMessage('INVALID_CREDENTIALS'));
  } finally {
    await context.close();
  }
});

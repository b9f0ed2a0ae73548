import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * The desktop app itself, driven by Playwright's Electron support: the built app (desktop/out) run by the
 * electron package's binary, or a packaged Wava given in WAVA_ELECTRON_APP. Where no Electron binary exists (the
 * build machines of this project cannot download it), every test here is skipped with the reason printed.
 *
 * A packaged build has the --inspect fuse off, which Playwright needs to attach: to run this against a package,
 * build it with `-c.electronFuses.enableNodeCliInspectArguments=true` (a test build only, never a release).
 */
const ROOT = resolve(__dirname, '..', '..');
const SERVER_URL = 'http://127.0.0.1:9'; // nothing listens there: these tests need no server
const INVITE = 'abc-defg-hij';

type Target = { executablePath: string; args: string[] } | { skip: string };

function findElectron(): Target {
  const packaged = process.env.WAVA_ELECTRON_APP;
  if (packaged) {
    return existsSync(packaged)
      ? { executablePath: packaged, args: [] }
      : { skip: `WAVA_ELECTRON_APP=${packaged} does not exist.` };
  }
  const pathFile = join(ROOT, 'node_modules/electron/path.txt');
  const executablePath = existsSync(pathFile)
    ? join(ROOT, 'node_modules/electron/dist', readFileSync(pathFile, 'utf8').trim())
    : null;
  if (!executablePath || !existsSync(executablePath)) {
    return {
      skip:
        'No Electron binary: node_modules/electron has no downloaded binary (its download fails on machines without ' +
        'internet access). Install Electron with its binary, or set WAVA_ELECTRON_APP to a packaged Wava, to run these tests.',
    };
  }
  if (!existsSync(join(ROOT, 'desktop/out/main/index.js'))) {
    return { skip: 'The desktop app is not built: run `npm run build -w desktop` first.' };
  }
  return { executablePath, args: [join(ROOT, 'desktop')] };
}

const target = findElectron();
if ('skip' in target) console.log(`[e2e electron] skipped: ${target.skip}`);
const noDisplay = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
if (!('skip' in target) && noDisplay)
  console.log('[e2e electron] skipped: no display; run under xvfb-run (apt-get install xvfb).');

test.describe('the Wava desktop app', () => {
  test.skip('skip' in target, 'skip' in target ? target.skip : '');
  test.skip(noDisplay, 'No display on this Linux machine: run under xvfb-run.');

  let app: ElectronApplication;
  let page: Page;
  let home: string;

  test.beforeAll(async () => {
    if ('skip' in target) return;
    home = mkdtempSync(join(tmpdir(), 'wava-e2e-home-'));
    // Running as root (CI containers) Chromium insists on --no-sandbox; Electron's renderer sandbox stays on.
    const rootArgs = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
    app = await electron.launch({
      executablePath: target.executablePath,
      args: [...target.args, ...rootArgs, `--server-url=${SERVER_URL}`, `wava://join/${INVITE}`],
      // A fresh profile: nothing stored from earlier runs, and its own single-instance lock.
      env: { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), APPDATA: join(home, 'AppData') },
    });
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  });

  test.afterAll(async () => {
    await app?.close();
    if (home) rmSync(home, { recursive: true, force: true });
  });

  test('opens one window with the bundled renderer on app://wava', async () => {
    expect(page.url()).toBe('app://wava/index.html');
    await expect(page).toHaveTitle('Wava');
    expect(app.windows()).toHaveLength(1);
  });

  test('gives the page no Node and no ipcRenderer: only the named functions of window.wava', async () => {
    const globals = await page.evaluate(() => ({
      require: typeof (window as { require?: unknown }).require,
      process: typeof (window as { process?: unknown }).process,
      ipcRenderer: typeof (window as { ipcRenderer?: unknown }).ipcRenderer,
      bridge: Object.keys((window as unknown as { wava: object }).wava).sort(),
    }));
    expect(globals).toEqual({
      require: 'undefined',
      process: 'undefined',
      ipcRenderer: 'undefined',
      bridge: ['auth', 'screenPicker', 'server', 'shell', 'version'],
    });
    const mainUrl = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.webContents.getURL());
    expect(mainUrl).toBe('app://wava/index.html');
  });

  test('takes the server address from the command line', async () => {
    const state = await page.evaluate(() =>
      (window as unknown as { wava: { server: { current(): Promise<unknown> } } }).wava.server.current(),
    );
    expect(state).toEqual({ url: SERVER_URL, source: 'command-line', locked: false });
  });

  test('shows the sign-in with the invite the app was launched with', async () => {
    await expect(page.getByText(new RegExp(`invited to meeting ${INVITE}`))).toBeVisible();
  });

  test('refuses a malformed IPC request from the page', async () => {
    const outcome = await page.evaluate(() =>
      (window as unknown as { wava: { auth: { login(r: unknown): Promise<unknown> } } }).wava.auth
        .login({ username: 42, isAdmin: true })
        .then(
          () => 'accepted',
          (error: Error) => error.message,
        ),
    );
    expect(outcome).toMatch(/Request refused/);
  });

  test('keeps the page on app://wava: no navigation to files, no new windows', async () => {
    const opened = await page.evaluate(() => window.open('file:///etc/passwd') === null);
    expect(opened).toBe(true);
    await page.evaluate(() => {
      window.location.href = 'file:///etc/passwd';
    });
    await page.waitForTimeout(500);
    expect(page.url()).toBe('app://wava/index.html');
    expect(app.windows()).toHaveLength(1);
  });

  test('blocks connections to anything but the chosen server (CSP header)', async () => {
    const blocked = await page.evaluate(async () => {
      const violations: string[] = [];
      document.addEventListener('securitypolicyviolation', (event) => violations.push(event.effectiveDirective));
      await fetch('http://127.0.0.1:1/elsewhere').catch(() => undefined);
      await new Promise((done) => setTimeout(done, 100));
      return violations;
    });
    expect(blocked).toContain('connect-src');
  });
});

import { createApiClient } from '@wava/protocol';
import { describe, expect, it } from 'vitest';
import { createAuthService } from '../../src/main/auth/AuthService.js';
import { createTokenVault } from '../../src/main/auth/TokenVault.js';
import { createInviteHandler } from '../../src/main/deepLinks/handleInvite.js';
import { createInviteInbox } from '../../src/main/deepLinks/InviteInbox.js';
import type { Policy } from '../../src/main/policy/policySchema.js';
import { toMessageBoxOptions, type Ask, type Prompt } from '../../src/main/prompts/Prompt.js';
import { resolveServerUrl } from '../../src/main/settings/resolveServerUrl.js';
import { createServerSettingsService, USER_SERVER_URL_KEY } from '../../src/main/settings/ServerSettingsService.js';
import { createAesGcmCipher } from './support/aesGcmCipher.js';
import { createConfStore } from './support/confStore.js';
import { createMemoryLogger } from './support/memoryLogger.js';
import { useRealServer } from './support/realServer.js';
import { useTempDirs } from './support/tempDir.js';

const tempDir = useTempDirs();
const startServer = useRealServer();

const CODE = 'abc-defg-hij';
const GENUINE = 'https://meet.genuine.example';
const ATTACKER = 'https://meet.attacker.example';

/** The app as it starts: the saved setting (or policy) decides the server, exactly as index.ts resolves it. */
function launch(settingsDir: string, policy: Policy = {}) {
  const { store } = createConfStore(settingsDir, 'settings');
  const events: string[] = [];
  const settings = createServerSettingsService({
    initial: resolveServerUrl({
      policy,
      argv: ['/opt/Wava/wava'],
      env: {},
      userSetting: store.get(USER_SERVER_URL_KEY),
      defaultUrl: GENUINE,
    }),
    store,
    beforeChange: async (from) => void events.push(`signed out of ${from}`),
    afterChange: (url) => void events.push(`reloaded for ${url}`),
  });
  return { settings, store, events };
}

/** The invite handler of the app, with the person's answers scripted and every prompt kept. */
function inviteHandler(app: ReturnType<typeof launch>, answer: 'switch' | 'cancel' | 'enter') {
  const prompts: Array<Prompt<string>> = [];
  const delivered: string[] = [];
  const inbox = createInviteInbox();
  inbox.open((code) => delivered.push(code));
  const ask: Ask = async (prompt) => {
    prompts.push(prompt);
    if (answer === 'enter') return prompt.defaultAnswer;
    return prompt.buttons.find((button) => button.answer === answer)?.answer ?? prompt.cancelAnswer;
  };
  const handle = createInviteHandler({
    inbox,
    server: () => ({ serverUrl: app.settings.current().url, locked: app.settings.current().locked }),
    switchServerForInvite: async (url) => (await app.settings.useForInvite(url)).ok,
    ask,
    showWindow: () => undefined,
    log: createMemoryLogger(),
  });
  return { handle, prompts, delivered };
}

describe('an invite link that names another server', () => {
  it('asks with Cancel as the default button, naming both hosts; Enter keeps the current server', async () => {
    const app = launch(tempDir());
    const { handle, prompts, delivered } = inviteHandler(app, 'enter');
    await handle({ code: CODE, serverOrigin: ATTACKER });

    expect(prompts).toHaveLength(1);
    const options = toMessageBoxOptions(prompts[0]!);
    expect(options.buttons?.[options.defaultId ?? -1]).toBe('Cancel');
    expect(options.buttons?.[options.cancelId ?? -1]).toBe('Cancel');
    expect(`${options.message} ${options.detail}`).toContain('meet.genuine.example');
    expect(`${options.message} ${options.detail}`).toContain('meet.attacker.example');
    expect(app.settings.current()).toEqual({ url: GENUINE, source: 'default', locked: false });
    expect(app.events).toEqual([]);
    expect(delivered).toEqual([]);
  });

  it('switches for now when the person agrees, but saves nothing before a sign-in there', async () => {
    const dir = tempDir();
    const app = launch(dir);
    const { handle, delivered } = inviteHandler(app, 'switch');
    await handle({ code: CODE, serverOrigin: ATTACKER });

    expect(app.settings.current()).toEqual({ url: ATTACKER, source: 'invite', locked: false });
    expect(delivered).toEqual([CODE]);
    expect(app.store.get(USER_SERVER_URL_KEY)).toBeUndefined();
    // Quit and start again without signing in: back on the genuine server.
    expect(launch(dir).settings.current().url).toBe(GENUINE);
  });

  it('keeps an earlier saved choice when the invite switch is never signed in to', async () => {
    const dir = tempDir();
    await launch(dir).settings.change('https://chosen.example');
    const app = launch(dir);
    await inviteHandler(app, 'switch').handle({ code: CODE, serverOrigin: ATTACKER });
    app.settings.signedIn(GENUINE); // a sign-in somewhere else does not confirm the invite's server
    expect(launch(dir).settings.current()).toMatchObject({ url: 'https://chosen.example', source: 'user' });
  });

  it('never switches when policy locks the server, and says which server is set', async () => {
    const app = launch(tempDir(), { serverUrl: GENUINE });
    const { handle, prompts, delivered } = inviteHandler(app, 'switch');
    await handle({ code: CODE, serverOrigin: ATTACKER });
    expect(prompts.map((prompt) => prompt.buttons.map((button) => button.answer))).toEqual([['ok']]);
    expect(prompts[0]?.detail).toContain('meet.genuine.example');
    expect(app.settings.current()).toEqual({ url: GENUINE, source: 'policy', locked: true });
    expect(await app.settings.useForInvite(ATTACKER)).toMatchObject({
      ok: false,
      error: { code: 'SERVER_URL_LOCKED' },
    });
    expect(delivered).toEqual([]);
  });

  it('joins at once, without asking, when the invite names the current server', async () => {
    const app = launch(tempDir());
    const { handle, prompts, delivered } = inviteHandler(app, 'switch');
    await handle({ code: CODE, serverOrigin: GENUINE });
    expect(prompts).toEqual([]);
    expect(delivered).toEqual([CODE]);
  });
});

describe('an invite server is saved only after a sign-in there succeeds (real server, real auth)', () => {
  const ADA = { username: 'ada', displayName: 'Ada Lovelace', password: 'analytical-engine-1843' };

  async function setup() {
    const server = await startServer(tempDir());
    const settingsDir = tempDir();
    const app = launch(settingsDir);
    const { store } = createConfStore(tempDir());
    const log = createMemoryLogger();
    const auth = createAuthService({
      api: () => createApiClient(app.settings.current().url),
      serverOrigin: () => app.settings.current().url,
      vault: createTokenVault({ store, cipher: createAesGcmCipher('os-keystore'), allowInsecureStorage: true, log }),
      now: server.now,
      log,
      onSignedIn: (origin) => app.settings.signedIn(origin),
    });
    // The person agreed to the invite's server (a loopback server stands in for it: https cannot run here).
    expect(await app.settings.useForInvite(server.url)).toMatchObject({ ok: true, data: { source: 'invite' } });
    await createApiClient(server.url).register(ADA);
    return { server, app, auth, settingsDir };
  }

  it('a failed sign-in saves nothing', async () => {
    const { app, auth, settingsDir } = await setup();
    expect(await auth.login({ username: 'ada', password: 'wrong-password-123' })).toMatchObject({ ok: false });
    expect(app.settings.current().source).toBe('invite');
    expect(launch(settingsDir).settings.current().url).toBe(GENUINE);
  });

  it('a successful sign-in saves it as the person\u2019s choice', async () => {
    const { server, app, auth, settingsDir } = await setup();
    expect(await auth.login({ username: 'ada', password: ADA.password })).toMatchObject({ ok: true });
    expect(app.settings.current()).toEqual({ url: server.url, source: 'user', locked: false });
    expect(launch(settingsDir).settings.current()).toMatchObject({ url: server.url, source: 'user' });
  });
});

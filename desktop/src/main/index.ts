import { createMainText } from './i18n/mainText.js';
import { join } from 'node:path';
import { createApiClient } from '@wava/protocol';
import { app, autoUpdater, powerMonitor, session, shell, type BrowserWindow } from 'electron';
import Store from 'electron-store';
import { wavaIpc } from '../shared/ipcContract.js';
import type { ShellCommand } from '../shared/ipcSchemas.js';
import { registerAppSchemePrivileges, serveAppProtocol } from './appProtocol/serveAppProtocol.js';
import type { KeyValueStore } from './auth/KeyValueStore.js';
import { setupAuth } from './auth/setupAuth.js';
import { createInviteInbox } from './deepLinks/InviteInbox.js';
import { createInviteHandler } from './deepLinks/handleInvite.js';
import { setupDeepLinks } from './deepLinks/setupDeepLinks.js';
import { createIpcRouter } from './ipc/IpcRouter.js';
import { createWindowRoles, describeElectronSender, electronIpcTransport } from './ipc/electronIpc.js';
import { sendEvent } from './ipc/sendEvent.js';
import { createPresenceStore } from './meeting/PresenceStore.js';
import { setupMeeting } from './meeting/setupMeeting.js';
import { setupQuitPrompt } from './meeting/setupQuitPrompt.js';
import { setupMenu } from './menu/setupMenu.js';
import { loadPolicy } from './policy/loadPolicy.js';
import { askIn } from './prompts/showPrompt.js';
import { createSharingBar } from './screenShare/SharingBar.js';
import { setupScreenShare } from './screenShare/setupScreenShare.js';
import { buildContentSecurityPolicy } from './security/contentSecurityPolicy.js';
import { hardenAllWebContents } from './security/hardenWebContents.js';
import { createSfuOrigins } from './security/sfuOrigins.js';
import { APP_ORIGIN, originOf } from './urls/origins.js';
import { setupSessionSecurity } from './security/setupSessionSecurity.js';
import { createShutdownHandler, type ShutdownNotice } from './shutdown/handleSystemShutdown.js';
import { onShutdownSignals } from './shutdown/shutdownSignals.js';
import { onPowerMonitorShutdown, onWindowSessionEnd } from './shutdown/systemShutdownEvents.js';
import { resolveServerUrl } from './settings/resolveServerUrl.js';
import { createServerSettingsService, USER_SERVER_URL_KEY } from './settings/ServerSettingsService.js';
import { DEFAULT_SERVER_URL } from './urls/serverUrl.js';
import { setupTray } from './tray/setupTray.js';
import { createFailedInstallRecovery } from './updates/recoverFailedInstall.js';
import { setupUpdates } from './updates/setupUpdates.js';
import { appPaths } from './util/appPaths.js';
import { consoleSink, createLogger, drop, fileSink, type LogSink } from './util/log.js';
import { createMainWindow } from './windows/createMainWindow.js';
import { onPageGone } from './windows/onPageGone.js';
import { createWindowPresenter } from './windows/presentWindow.js';

// Logs: stdout, and <logs>/main.log (Windows %APPDATA%\Wava\logs, macOS ~/Library/Logs/Wava, Linux ~/.config/Wava/logs).
app.setAppLogsPath();
const sinks: LogSink[] = [consoleSink, fileSink(join(app.getPath('logs'), 'main.log'))];
const logger = (scope: string) => createLogger(scope, sinks);
const log = logger('main');

// Before `ready`: the app:// scheme's privileges, one instance only, and every renderer sandboxed.
registerAppSchemePrivileges();
app.enableSandbox();
// Windows shows notifications only for an app with an AppUserModelID; it is the appId of electron-builder.yml.
if (process.platform === 'win32') app.setAppUserModelId('com.wava.desktop');
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  run();
}

function run(): void {
  const devServerUrl = !app.isPackaged ? (process.env.ELECTRON_RENDERER_URL ?? null) : null;
  const devServerOrigin = devServerUrl ? originOf(devServerUrl) : null;
  const rendererOrigin = devServerOrigin ?? APP_ORIGIN;
  const rendererUrl = (page: string) => `${devServerUrl ?? APP_ORIGIN}/${page}`;
  const paths = appPaths(app, __dirname);
  const openExternal = (url: string) => drop(shell.openExternal(url), log, 'opening a link');

  const presence = createPresenceStore();
  const inbox = createInviteInbox();
  const roles = createWindowRoles();
  const router = createIpcRouter({
    transport: electronIpcTransport,
    describeSender: describeElectronSender(roles),
    rendererOrigin,
    log: logger('ipc'),
  });

  let mainWindow: BrowserWindow | null = null;
  let serverSettings: ReturnType<typeof createServerSettingsService> | null = null;
  let serverUrl: string | null = null;
  let serverLocked = false;

  /** Opens the main window; set once the app has started. */
  let openWindow: (() => BrowserWindow) | null = null;
  // A window comes back when there is none (an update's install closed it and failed, macOS), unless quitting.
  const presentWindow = createWindowPresenter({
    current: () => mainWindow,
    open: () => openWindow?.() ?? null,
    mayOpen: () => !quit.isQuitting(),
  });
  const showWindow = () => drop(presentWindow(), log, 'showing the window');
  const sendCommand = (command: ShellCommand) =>
    sendEvent(mainWindow?.webContents, wavaIpc.shell.onCommand, { command });

  const ask = askIn(() => mainWindow);
  // Menus, tray and dialogs speak the operating system's language (read once the app is ready).
  const text = createMainText(() => app.getPreferredSystemLanguages());
  hardenAllWebContents(app, { rendererOrigin, openExternal, log: logger('security') });

  const handleInvite = createInviteHandler({
    inbox,
    server: () => ({ serverUrl: serverUrl ?? DEFAULT_SERVER_URL, locked: serverLocked }),
    switchServerForInvite: async (url) => (await serverSettings?.useForInvite(url))?.ok === true,
    ask,
    text,
    showWindow,
    log: logger('deep-links'),
  });
  const deepLinks = setupDeepLinks({ app, handle: handleInvite, showWindow, log: logger('deep-links') });

  const quit = setupQuitPrompt({
    app,
    updater: autoUpdater,
    presence,
    hasWindow: () => mainWindow !== null && !mainWindow.isDestroyed(),
    ask,
    text,
    sendCommand,
    log: logger('meeting'),
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', showWindow);

  drop(app.whenReady().then(start), log, 'start-up');

  async function start(): Promise<void> {
    const { policy } = await loadPolicy(logger('policy'));
    // electron-store in the app; the same KeyValueStore interface is backed by conf in the tests.
    const settingsStore: KeyValueStore = new Store<Record<string, unknown>>({
      name: 'settings',
      clearInvalidConfig: true,
    });
    const sessionStore: KeyValueStore = new Store<Record<string, unknown>>({
      name: 'session',
      clearInvalidConfig: true,
      configFileMode: 0o600,
    });

    const resolution = resolveServerUrl({
      policy,
      argv: process.argv,
      env: process.env,
      userSetting: settingsStore.get(USER_SERVER_URL_KEY),
      defaultUrl: DEFAULT_SERVER_URL,
    });
    for (const problem of resolution.problems) log.warn(`server address: ${problem}`);
    serverUrl = resolution.url;
    serverLocked = resolution.locked;
    log.info('server address', { url: resolution.url, source: resolution.source, locked: resolution.locked });

    const sfuOrigins = createSfuOrigins({ store: settingsStore, fetchConfig: (url) => createApiClient(url).config() });
    const csp = () => {
      const url = serverUrl ?? DEFAULT_SERVER_URL;
      return buildContentSecurityPolicy({ serverUrl: url, devServerOrigin, sfuOrigins: sfuOrigins.forServer(url) });
    };
    // The Janus addresses the server announces (direct SFU mode) are in the page's CSP, read when it loads: when
    // they changed, the page reloads, unless a meeting is on (they apply at its next load then).
    const refreshSfuOrigins = () =>
      drop(
        sfuOrigins.refresh(serverUrl ?? DEFAULT_SERVER_URL).then((changed) => {
          if (changed && !presence.get().inMeeting) mainWindow?.webContents.reload();
        }),
        log,
        'SFU addresses',
      );
    serveAppProtocol(session.defaultSession, paths.rendererDir, csp);
    setupSessionSecurity(session.defaultSession, {
      rendererOrigin,
      contentSecurityPolicy: csp,
      isMainWindow: (contents) => contents !== null && roles.roleOf(contents) === 'main',
    });

    const { auth, quitWait } = setupAuth({
      app,
      router,
      store: sessionStore,
      serverUrl: () => serverUrl ?? DEFAULT_SERVER_URL,
      allowInsecureStorage: policy.allowInsecureTokenStorage !== false,
      onSignedIn: (origin) => {
        serverSettings?.signedIn(origin);
        refreshSfuOrigins();
      },
      window: () => mainWindow,
      ask,
      text,
      log: logger('auth'),
    });

    serverSettings = createServerSettingsService({
      initial: resolution,
      store: settingsStore,
      // Signed out of the old server at once; that server is told in the background.
      beforeChange: async () => auth.logout(),
      afterChange: (url) => {
        serverUrl = url;
        // The CSP names the server: reload so the page gets the new one (the person is signed out anyway).
        // Invites wait for the reloaded page, not the one going away.
        inbox.close();
        setTimeout(() => mainWindow?.webContents.reload(), 100);
      },
    });
    const settings = serverSettings;
    router.handle(wavaIpc.server.current, 'main', () => settings.current());
    router.handle(wavaIpc.server.change, 'main', ({ url }) => settings.change(url));

    let updateReady = false;
    const updates = setupUpdates({
      app,
      policy,
      presence,
      quitWait,
      log: logger('updates'),
      onInstallFailed: createFailedInstallRecovery({
        quitPrompt: quit,
        quitWait,
        presentWindow,
        ask,
        text,
        log: logger('updates'),
      }),
      onReadyChanged: (ready) => {
        updateReady = ready;
        tray.refresh();
        menu.refresh();
      },
    });
    const restartToUpdate = () => {
      if (!updates.controller.installNow()) log.info('update install refused: in a meeting or nothing downloaded');
    };

    const tray = setupTray({
      text,
      presence,
      iconPath: (inMeeting) =>
        paths.trayIcon(
          process.platform === 'darwin' ? 'trayTemplate.png' : inMeeting ? 'tray-meeting.png' : 'tray.png',
        ),
      updateReady: () => updateReady,
      actions: { show: showWindow, command: sendCommand, restartToUpdate, quit: () => app.quit() },
    });
    const menu = setupMenu({
      text,
      presence,
      state: () => ({
        platform: process.platform,
        appName: app.getName(),
        updatesEnabled: updates.controller.enabled,
        updateReady,
        developer: !app.isPackaged,
      }),
      actions: { command: sendCommand, checkForUpdates: () => updates.controller.check(), restartToUpdate },
    });

    // Shutdown, restart or log-off: leave the meeting without asking, give pending sign-outs what time there is.
    const onShutdown = createShutdownHandler({
      presence,
      sendCommand,
      signOuts: auth.signOuts,
      quitWait,
      markQuitting: quit.markQuitting,
      quit: () => app.quit(),
      log: logger('shutdown'),
    });
    onPowerMonitorShutdown(powerMonitor, onShutdown);
    // Logging off on Linux (and `kill`, Ctrl+C in a terminal) is a signal, not powerMonitor's notice. Now that the
    // app is ready, Electron's own signal handlers are installed, and these replace them (see shutdownSignals.ts).
    if (process.platform !== 'win32') onShutdownSignals(process, onShutdown);

    openWindow = () => openMainWindow(onShutdown);
    openWindow();
    refreshSfuOrigins();
    deepLinks.ready();
  }

  function openMainWindow(onShutdown: (notice: ShutdownNotice) => void): BrowserWindow {
    const win = createMainWindow({
      preload: paths.preload,
      icon: process.platform === 'linux' ? paths.windowIcon : undefined,
      devTools: !app.isPackaged,
      url: rendererUrl('index.html'),
    });
    roles.assign(win.webContents, 'main');
    mainWindow = win;

    const sharingBar = createSharingBar({
      preload: paths.sharingBarPreload,
      url: rendererUrl('sharingBar/index.html'),
      register: (bar) => roles.assign(bar.webContents, 'sharing-bar'),
    });
    const teardown = [
      setupScreenShare({
        session: session.defaultSession,
        win,
        router,
        roles,
        rendererOrigin,
        sharingBar,
        ask,
        text,
        log: logger('screen-share'),
      }),
      setupMeeting({
        win,
        router,
        presence,
        sharingBar,
        isQuitting: quit.isQuitting,
        sendCommand,
        showWindow,
        ask,
        text,
        log: logger('meeting'),
      }),
      // Invites wait for the reloaded page, not the one going away.
      onPageGone(win.webContents, () => inbox.close()),
      // Windows tells windows, not the app, that the session ends.
      onWindowSessionEnd(win, onShutdown),
    ];
    // Invites wait until the page has loaded (its preload then buffers them until the app subscribes).
    win.webContents.on('did-finish-load', () =>
      inbox.open((code) => sendEvent(win.webContents, wavaIpc.shell.onInvite, { code })),
    );
    win.on('closed', () => {
      inbox.close();
      teardown.forEach((setup) => setup.dispose());
      if (mainWindow === win) mainWindow = null;
    });
    return win;
  }
}

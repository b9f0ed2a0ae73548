import type { BrowserWindowConstructorOptions, Rectangle, WebPreferences } from 'electron';

/**
 * The web preferences of every Wava window: Electron's security checklist, written out so a test can assert each
 * one (defaults change between Electron versions; explicit values do not).
 */
export function secureWebPreferences(preload: string): WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    disableDialogs: false,
    spellcheck: true,
    // A call must keep sending video while the window is hidden in the tray or covered.
    backgroundThrottling: false,
  };
}

export interface MainWindowInput {
  preload: string;
  /** Window icon (Linux; Windows and macOS take it from the app bundle). */
  icon?: string;
  /** True while developing: DevTools are allowed. Packaged builds have them off. */
  devTools: boolean;
}

export function mainWindowOptions(input: MainWindowInput): BrowserWindowConstructorOptions {
  return {
    title: 'Wava',
    width: 1200,
    height: 800,
    minWidth: 720,
    minHeight: 520,
    show: false,
    backgroundColor: '#101418',
    autoHideMenuBar: false,
    ...(input.icon ? { icon: input.icon } : {}),
    webPreferences: { ...secureWebPreferences(input.preload), devTools: input.devTools },
  };
}

export const SHARING_BAR_SIZE = { width: 380, height: 52 } as const;

/** Where the sharing bar sits: top centre of the work area of the display being shared (or the primary one). */
export function sharingBarBounds(workArea: Rectangle): Rectangle {
  return {
    x: Math.round(workArea.x + (workArea.width - SHARING_BAR_SIZE.width) / 2),
    y: workArea.y + 12,
    width: SHARING_BAR_SIZE.width,
    height: SHARING_BAR_SIZE.height,
  };
}

export function sharingBarOptions(input: { preload: string; bounds: Rectangle }): BrowserWindowConstructorOptions {
  return {
    ...input.bounds,
    title: 'Wava - sharing',
    frame: false,
    resizable: false,
    movable: true,
    minimizable: false,
    maximizable: false,
    fullscreenable: false,
    alwaysOnTop: true,
    skipTaskbar: true,
    show: false,
    backgroundColor: '#1b1f24',
    webPreferences: { ...secureWebPreferences(input.preload), devTools: false, spellcheck: false },
  };
}

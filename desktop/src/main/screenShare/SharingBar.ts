import { BrowserWindow, screen } from 'electron';
import { sharingBarBounds, sharingBarOptions } from '../windows/windowOptions.js';

export interface SharingBarDeps {
  preload: string;
  url: string;
  /** Registers the bar's webContents as the 'sharing-bar' window for the IPC router. */
  register(win: BrowserWindow): void;
}

/**
 * "You are sharing - Stop": a small always-on-top window while the screen is shared. Content protection keeps it
 * out of the capture itself (Windows 10 2004+ and macOS; Linux has no such API, the bar may then appear).
 */
export function createSharingBar(deps: SharingBarDeps) {
  let win: BrowserWindow | null = null;

  function create(): BrowserWindow {
    const bounds = sharingBarBounds(screen.getPrimaryDisplay().workArea);
    const bar = new BrowserWindow(sharingBarOptions({ preload: deps.preload, bounds }));
    bar.setContentProtection(true);
    bar.setAlwaysOnTop(true, 'screen-saver');
    bar.setVisibleOnAllWorkspaces(true, { visibleOnFullScreen: true });
    deps.register(bar);
    bar.once('ready-to-show', () => bar.showInactive());
    bar.on('closed', () => {
      if (win === bar) win = null;
    });
    void bar.loadURL(deps.url);
    return bar;
  }

  return {
    show() {
      if (!win || win.isDestroyed()) win = create();
      else if (!win.isVisible()) win.showInactive();
    },
    hide() {
      if (win && !win.isDestroyed()) win.close();
      win = null;
    },
    /** Its desktopCapturer id, so the picker never offers it. */
    sourceId(): string | null {
      return win && !win.isDestroyed() ? win.getMediaSourceId() : null;
    },
    dispose() {
      if (win && !win.isDestroyed()) win.destroy();
      win = null;
    },
  };
}
export type SharingBar = ReturnType<typeof createSharingBar>;

import { join } from 'node:path';
import type { App } from 'electron';

/**
 * Where the built files are. electron-vite writes out/main, out/preload and out/renderer side by side; the
 * tray icons come from `assets/tray` (copied to resources/tray by electron-builder).
 */
export function appPaths(app: App, mainDir: string) {
  const out = join(mainDir, '..');
  const assets = app.isPackaged ? process.resourcesPath : join(app.getAppPath(), '..', 'assets');
  return {
    preload: join(out, 'preload', 'index.js'),
    sharingBarPreload: join(out, 'preload', 'sharingBar.js'),
    rendererDir: join(out, 'renderer'),
    trayIcon: (name: string) => join(assets, 'tray', name),
    windowIcon: join(assets, 'tray', 'icon.png'),
  };
}
export type AppPaths = ReturnType<typeof appPaths>;

import { BrowserWindow } from 'electron';
import { mainWindowOptions } from './windowOptions.js';

export interface MainWindowInput {
  preload: string;
  icon: string | undefined;
  devTools: boolean;
  /** `app://wava/index.html`, or Vite's dev server while developing. */
  url: string;
}

/** The Wava window: created hidden, shown when its first frame is ready so nobody sees a white flash. */
export function createMainWindow(input: MainWindowInput): BrowserWindow {
  const win = new BrowserWindow(
    mainWindowOptions({
      preload: input.preload,
      devTools: input.devTools,
      ...(input.icon ? { icon: input.icon } : {}),
    }),
  );
  win.once('ready-to-show', () => win.show());
  void win.loadURL(input.url);
  return win;
}

import type { BrowserWindow } from 'electron';

/** What showing the main window needs of it. */
export type PresentableWindow = Pick<BrowserWindow, 'isDestroyed' | 'isMinimized' | 'restore' | 'show' | 'focus'> & {
  once(event: 'show', listener: () => void): unknown;
};

/**
 * Shows the main window (dock icon, tray, notification, invite): restored and in front. When there is none (macOS:
 * an update's install closed it and failed) a new one opens, unless the app is quitting (a window must not come back
 * while the app closes them); it shows itself once its first frame is ready (createMainWindow). Resolves once the
 * window is on screen, or at once when there is none to show.
 */
export function createWindowPresenter(deps: {
  current(): PresentableWindow | null;
  /** Opens a new main window; null before the app has started. */
  open(): PresentableWindow | null;
  mayOpen(): boolean;
}): () => Promise<void> {
  return () => {
    const current = deps.current();
    if (current && !current.isDestroyed()) {
      if (current.isMinimized()) current.restore();
      current.show();
      current.focus();
      return Promise.resolve();
    }
    const opened = deps.mayOpen() ? deps.open() : null;
    if (!opened) return Promise.resolve();
    return new Promise((resolve) => opened.once('show', () => resolve()));
  };
}

import { hasOrigin } from '../urls/origins.js';

/** Which of Wava's windows a message came from, as the main process knows it (never as the renderer claims). */
export type WindowRole = 'main' | 'sharing-bar';

/** What the IPC router knows about a sender frame, read from Electron's event by the adapter. */
export interface SenderInfo {
  /** The sending frame's URL; empty when the frame is gone. */
  url: string;
  /** False for iframes. */
  isMainFrame: boolean;
  /** Null when the webContents is not one of our windows (a stray webContents, a devtools page...). */
  windowRole: WindowRole | null;
}

/** The page each window is allowed to show. The main window's SPA may change its path; the bar may not. */
const BAR_PATH = '/sharingBar/index.html';

export type SenderVerdict = { trusted: true } | { trusted: false; reason: string };

export function checkSender(sender: SenderInfo, expected: WindowRole, rendererOrigin: string): SenderVerdict {
  if (sender.windowRole === null) return { trusted: false, reason: 'not one of our windows' };
  if (sender.windowRole !== expected) return { trusted: false, reason: `from the ${sender.windowRole} window` };
  if (!sender.isMainFrame) return { trusted: false, reason: 'from a subframe' };
  if (!hasOrigin(sender.url, rendererOrigin)) return { trusted: false, reason: 'from a foreign origin' };
  if (expected === 'sharing-bar' && new URL(sender.url).pathname !== BAR_PATH) {
    return { trusted: false, reason: 'from an unexpected page' };
  }
  return { trusted: true };
}

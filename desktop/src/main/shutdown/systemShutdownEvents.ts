import type { BrowserWindow, PowerMonitor } from 'electron';
import type { Disposable } from '../util/Disposable.js';
import type { ShutdownNotice } from './handleSystemShutdown.js';

/**
 * Linux and macOS: powerMonitor's `shutdown`. Its `preventDefault()` asks Electron to delay the shutdown until the
 * app quits (Linux: it keeps its logind delay lock, which logind honours for InhibitDelayMaxSec, 5 s by default;
 * macOS: the system's quit request is ignored, the app quits by itself). Call once the app is ready.
 */
export function onPowerMonitorShutdown(
  powerMonitor: Pick<PowerMonitor, 'on' | 'removeListener'>,
  listener: (notice: ShutdownNotice) => void,
): Disposable {
  // Electron passes the event its documentation describes (e.preventDefault()); its typings leave it out. Without
  // one nothing could hold the shutdown: handled as Windows' session end.
  const onShutdown = (event?: Pick<Electron.Event, 'preventDefault'>) =>
    listener(event ? { kind: 'delayable', delay: () => event.preventDefault() } : { kind: 'session-end' });
  powerMonitor.on('shutdown', onShutdown);
  return { dispose: () => void powerMonitor.removeListener('shutdown', onShutdown) };
}

/**
 * Windows: `session-end` on a window (shutdown, restart, log-off). Nothing can hold it: Windows may end the process
 * as soon as the handler returns. (`query-session-end` comes earlier, but another app can still cancel the
 * shutdown then, and holding it shows the person "Wava is preventing shutdown": Wava does neither.)
 */
export function onWindowSessionEnd(
  win: Pick<BrowserWindow, 'on' | 'removeListener'>,
  listener: (notice: ShutdownNotice) => void,
): Disposable {
  const onSessionEnd = () => listener({ kind: 'session-end' });
  win.on('session-end', onSessionEnd);
  return { dispose: () => void win.removeListener('session-end', onSessionEnd) };
}

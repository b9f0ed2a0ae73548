import type { ComponentType } from 'react';
import type { WavaBridge } from '../../shared/WavaBridge.js';
import type { Platform } from './Platform.js';
import { createWebPlatform } from './webPlatform.js';

/** What the host contributes: the Platform, and UI only the desktop shell needs (its screen picker). */
export interface Host {
  platform: Platform;
  /** Rendered above every screen, e.g. the desktop screen picker; null on the web. */
  Overlay: ComponentType | null;
}

/**
 * The Electron shell's preload exposes `window.wava`; a browser tab has none. The desktop adapter is
 * loaded lazily, so the web page never downloads it.
 */
export async function choosePlatform(win: Window & typeof globalThis = window): Promise<Host> {
  const bridge = (win as { wava?: WavaBridge }).wava;
  if (bridge) {
    const desktop = await import('./desktopPlatform.js');
    return { platform: desktop.createDesktopPlatform(bridge), Overlay: desktop.DesktopOverlay };
  }
  return { platform: createWebPlatform(win), Overlay: null };
}

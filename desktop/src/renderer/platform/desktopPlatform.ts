/**
 * PLACEHOLDER — owned by the desktop engineer, who replaces this file with the real adapter over
 * `window.wava`. It exists only so the renderer compiles before that lands.
 *
 * The contract `choosePlatform.ts` relies on:
 *   export function createDesktopPlatform(bridge: WavaBridge): Platform
 *   export const DesktopOverlay: ComponentType | null   // e.g. the screen picker, rendered above every screen
 */
import type { ComponentType } from 'react';
import type { WavaBridge } from '../../shared/WavaBridge.js';
import type { Platform } from './Platform.js';

export function createDesktopPlatform(_bridge: WavaBridge): Platform {
  throw new Error('The desktop platform adapter is not built yet (desktopPlatform.ts is a placeholder).');
}

export const DesktopOverlay: ComponentType | null = null;

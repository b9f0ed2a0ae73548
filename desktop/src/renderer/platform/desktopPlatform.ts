import { apiError, type Result } from '@wava/protocol';
import { createElement, type ComponentType } from 'react';
import { inviteEventSchema, shellCommandEventSchema, tokenStorageStatusSchema } from '../../shared/ipcSchemas.js';
import type { WavaBridge } from '../../shared/WavaBridge.js';
import { ScreenPickerHost } from '../features/screenPicker/ScreenPickerHost.js';
import type { AuthStore, Platform } from './Platform.js';

/** The Electron shell's bridge, when this page runs in the Wava window; null in a browser tab. */
export function desktopBridge(win: Window = window): WavaBridge | null {
  const bridge = (win as { wava?: WavaBridge }).wava;
  return bridge && bridge.version === 1 ? bridge : null;
}

/** An IPC call that the main process refused or that failed becomes an error Result, never an exception. */
async function settle<T>(call: () => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await call();
  } catch (error) {
    console.error('[wava] desktop shell request failed', error);
    return { ok: false, error: apiError('INTERNAL') };
  }
}

/**
 * The Platform over `window.wava`. Sign-in happens in the main process, which keeps the refresh token;
 * this side only ever sees the user and short-lived access tokens. Events from main are validated first.
 */
export function createDesktopPlatform(bridge: WavaBridge): Platform {
  const auth: AuthStore = {
    register: (request) => settle(() => bridge.auth.register(request)),
    login: (request) => settle(() => bridge.auth.login(request)),
    restore: () => bridge.auth.restore().catch(() => null),
    accessToken: (force = false) => settle(() => bridge.auth.accessToken({ force })),
    logout: () => bridge.auth.logout().catch((error: unknown) => console.error('[wava] sign-out failed', error)),
  };
  return {
    kind: 'desktop',
    serverUrl: async () => (await bridge.server.current()).url,
    auth,
    onInvite: (listener) =>
      bridge.shell.onInvite((payload) => {
        const parsed = inviteEventSchema.safeParse(payload);
        if (parsed.success) listener(parsed.data.code);
        else console.warn('[wava] ignored a malformed invite event');
      }),
    onCommand: (listener) =>
      bridge.shell.onCommand((payload) => {
        const parsed = shellCommandEventSchema.safeParse(payload);
        if (parsed.success) listener(parsed.data.command);
        else console.warn('[wava] ignored a malformed shell command');
      }),
    presenceChanged: (presence) => bridge.shell.presenceChanged(presence),
    notify: (title, body) => {
      if (title.trim()) bridge.shell.notify({ title: title.slice(0, 200), body: body.slice(0, 1000) });
    },
    serverSettings: {
      current: () => bridge.server.current(),
      change: (url) => settle(() => bridge.server.change({ url })),
    },
    signInStorage: {
      current: () => bridge.auth.storage(),
      onChanged: (listener) =>
        bridge.auth.onStorageChanged((payload) => {
          const parsed = tokenStorageStatusSchema.safeParse(payload);
          if (parsed.success) listener(parsed.data);
          else console.warn('[wava] ignored a malformed sign-in storage event');
        }),
    },
  };
}

/** Rendered above every screen: the desktop screen picker (it renders nothing until main asks). */
export const DesktopOverlay: ComponentType | null = () => createElement(ScreenPickerHost, { bridge: desktopBridge() });

import { describe, expect, it } from 'vitest';
import {
  mainWindowOptions,
  secureWebPreferences,
  sharingBarBounds,
  sharingBarOptions,
  SHARING_BAR_SIZE,
} from '../../src/main/windows/windowOptions.js';

/** Electron's security checklist, setting by setting. Each must be explicit: defaults change between versions. */
const REQUIRED: Record<string, unknown> = {
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
};

describe('window options', () => {
  const windows = {
    main: mainWindowOptions({ preload: '/app/out/preload/index.js', devTools: false }),
    'sharing bar': sharingBarOptions({
      preload: '/app/out/preload/sharingBar.js',
      bounds: { x: 0, y: 0, width: 380, height: 52 },
    }),
  };

  for (const [name, options] of Object.entries(windows)) {
    describe(`the ${name} window`, () => {
      for (const [setting, value] of Object.entries(REQUIRED)) {
        it(`sets ${setting} to ${String(value)}`, () => {
          expect(options.webPreferences?.[setting as keyof typeof options.webPreferences]).toBe(value);
        });
      }

      it('enables no Blink features and no DevTools in a packaged build', () => {
        expect(options.webPreferences?.enableBlinkFeatures).toBeUndefined();
        expect(options.webPreferences?.devTools).toBe(false);
      });

      it('loads its own preload, not a shared whole-app one', () => {
        expect(options.webPreferences?.preload).toMatch(name === 'main' ? /index\.js$/ : /sharingBar\.js$/);
      });

      it('is created hidden and shown when ready (no white flash)', () => {
        expect(options.show).toBe(false);
      });
    });
  }

  it('allows DevTools only when asked (development)', () => {
    expect(mainWindowOptions({ preload: 'p', devTools: true }).webPreferences?.devTools).toBe(true);
  });

  it('keeps the call running when the window is hidden or covered', () => {
    expect(windows.main.webPreferences?.backgroundThrottling).toBe(false);
  });

  it('makes the sharing bar a small frameless always-on-top window outside the taskbar', () => {
    const bar = windows['sharing bar'];
    expect(bar).toMatchObject({ frame: false, alwaysOnTop: true, skipTaskbar: true, resizable: false });
  });

  it('puts the sharing bar at the top centre of the work area', () => {
    const bounds = sharingBarBounds({ x: 1920, y: 25, width: 1440, height: 875 });
    expect(bounds).toEqual({ x: 1920 + (1440 - SHARING_BAR_SIZE.width) / 2, y: 37, ...SHARING_BAR_SIZE });
  });

  it('secureWebPreferences is what every window uses', () => {
    const prefs = secureWebPreferences('/p.js');
    for (const [setting, value] of Object.entries(REQUIRED)) {
      expect(prefs[setting as keyof typeof prefs]).toBe(value);
    }
  });
});

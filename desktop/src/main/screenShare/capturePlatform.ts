/**
 * How screen capture works on this computer.
 * - 'own-picker': Wava's picker (thumbnails from desktopCapturer), on Windows, macOS and Linux X11.
 * - 'portal': Linux Wayland. There desktopCapturer.getSources itself opens the system (xdg-desktop-portal)
 *   picker and returns the one source chosen, so Wava hands that straight back and shows no picker of its own:
 *   the person picks once, not twice.
 */
export type CaptureStrategy = 'own-picker' | 'portal';

export function captureStrategy(
  platform: NodeJS.Platform,
  env: Readonly<Record<string, string | undefined>>,
  argv: readonly string[],
): CaptureStrategy {
  if (platform !== 'linux') return 'own-picker';
  if (env.XDG_SESSION_TYPE === 'wayland') return 'portal';
  if (argv.some((arg) => arg === '--ozone-platform=wayland')) return 'portal';
  const hint = env.ELECTRON_OZONE_PLATFORM_HINT;
  if ((hint === 'wayland' || hint === 'auto') && env.WAYLAND_DISPLAY) return 'portal';
  return 'own-picker';
}

/**
 * Whether the computer's sound can be shared with the screen. Electron documents `audio: 'loopback'` for
 * Windows only; on macOS it needs OS-version-specific Chromium features and is reported silent with a custom
 * picker (electron/electron#52738), and Linux has no loopback source. So: Windows.
 */
export function systemAudioSupported(platform: NodeJS.Platform): boolean {
  return platform === 'win32';
}

export type ScreenAccessStatus = 'not-determined' | 'granted' | 'denied' | 'restricted' | 'unknown';

/**
 * macOS asks for "Screen & System Audio Recording" permission. Granted or not yet asked (the OS asks when the
 * sources are listed): go on. Denied or restricted: explain how to grant it instead of showing black thumbnails.
 */
export function screenAccessStep(platform: NodeJS.Platform, status: ScreenAccessStatus | null): 'proceed' | 'explain' {
  if (platform !== 'darwin' || status === null) return 'proceed';
  return status === 'denied' || status === 'restricted' ? 'explain' : 'proceed';
}

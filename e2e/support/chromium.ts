import { chromium, type Browser } from '@playwright/test';

/** Flags from ../shared/TOOLCHAIN.md: fake camera/microphone/screen, loopback ICE, no background traffic. */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  '--allow-loopback-in-peer-connection',
  '--autoplay-policy=no-user-gesture-required',
];

export function launchChromium(extraFlags: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [...CHROMIUM_FLAGS, ...extraFlags],
  });
}

/** Flags that give the browser fake devices and accept every permission prompt. */
const FAKE_MEDIA_FLAGS = new Set(['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream']);

/**
 * A Chromium with no camera or microphone at all (none exist on the test machines) that refuses every
 * permission prompt: a page in it never gets media permission, so Chromium hides its local addresses
 * behind mDNS names, as for a real person who refuses both devices.
 */
export function launchChromiumWithoutDevices(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [...CHROMIUM_FLAGS.filter((flag) => !FAKE_MEDIA_FLAGS.has(flag)), '--deny-permission-prompts'],
  });
}

import { expect, type Browser, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { installRtcProbe } from './rtcProbe.js';

export const PASSWORD = 'correct horse battery';

/** One person using the web client in their own browser context, driven only through the visible UI. */
export class Participant {
  private closed = false;

  private constructor(
    readonly name: string,
    readonly username: string,
    readonly context: BrowserContext,
    readonly page: Page,
  ) {}

  /**
   * Opens the web client at `path` (or a full URL on the server, such as an invite link). Camera and microphone
   * are allowed unless `permissions` says otherwise (`[]`: nothing granted); the browser's language is `locale`
   * (English unless given). `camera` asks the fake camera for a smaller picture than the app's (so that four
   * people fit two cores). `prepare` runs on the page before it loads (a bench's own init scripts).
   */
  static async open(
    browser: Browser,
    serverUrl: string,
    name: string,
    path = '/',
    options: {
      permissions?: string[];
      locale?: string;
      camera?: CameraSize;
      /** The window's size; 1280x800 unless given (a smaller one costs the machine less drawing). */
      viewport?: { width: number; height: number };
      prepare?: (page: Page) => Promise<void>;
    } = {},
  ): Promise<Participant> {
    const context = await browser.newContext({
      permissions: options.permissions ?? ['camera', 'microphone'],
      viewport: options.viewport ?? { width: 1280, height: 800 },
      locale: options.locale ?? 'en-US',
    });
    const page = await context.newPage();
    await installRtcProbe(page);
    if (options.camera) await page.addInitScript(askForCamera, options.camera);
    await options.prepare?.(page);
    await page.goto(new URL(path, serverUrl).toString());
    await appTookOver(page);
    const username = `${name.toLowerCase()}-${Math.random().toString(36).slice(2, 8)}`;
    return new Participant(name, username, context, page);
  }

  byTestId(id: string): Locator {
    return this.page.getByTestId(id);
  }

  /** Creates an account through the UI; it lands on Home, or, when the page was an invite link, on that meeting's pre-join. */
  async register(landing: 'home' | 'prejoin' = 'home'): Promise<void> {
    const displayName = this.byTestId('auth-display-name');
    if (!(await displayName.isVisible())) await this.byTestId('auth-mode-toggle').click();
    await displayName.fill(this.name);
    await this.byTestId('auth-username').fill(this.username);
    await this.byTestId('auth-password').fill(PASSWORD);
    await this.byTestId('auth-submit').click();
    if (landing === 'prejoin') await expect(this.byTestId('prejoin-join')).toBeVisible();
    else await expect(this.byTestId('current-user')).toContainText(this.name);
  }

  /**
   * Creates a meeting from Home and lands on pre-join; returns the meeting code shown there. The waiting room is
   * off unless `lobby` is set (the app's default is on; most specs are about what happens once people are in).
   */
  async createMeeting(options: { lobby?: boolean } = {}): Promise<string> {
    await this.byTestId('create-lobby').setChecked(options.lobby ?? false);
    await this.byTestId('create-meeting').click();
    await expect(this.byTestId('meeting-code')).toHaveText(/[a-z]{3}-[a-z]{4}-[a-z]{3}/);
    return (await this.byTestId('meeting-code').innerText()).trim();
  }

  /** The invite link pre-join shows for the meeting (what a host copies and sends). */
  async inviteLink(): Promise<string> {
    await expect(this.byTestId('invite-link')).toHaveValue(/\/j\//);
    return this.byTestId('invite-link').inputValue();
  }

  async enterCode(code: string): Promise<void> {
    await this.byTestId('join-input').fill(code);
    await this.byTestId('join-submit').click();
  }

  async joinFromPreJoin(): Promise<void> {
    await expect(this.byTestId('prejoin-join')).toBeEnabled();
    await this.byTestId('prejoin-join').click();
    await expect(this.byTestId('meeting-view')).toBeVisible();
  }

  tile(name: string): Locator {
    return this.page.locator(`[data-testid="tile"][data-display-name="${name}"]`);
  }

  remoteTiles(): Locator {
    return this.page.locator('[data-testid="tile"][data-self="false"]');
  }

  /** Closes this person's browser context (their app is gone, with no goodbye); closing again does nothing. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.context.close();
  }
}

/**
 * Two people in one meeting, each in a context of their own in `browser`: the host creates it, the guest joins by
 * its code (both register first, both join from the pre-join screen). The benches' set-up; specs use `meet`.
 */
export async function twoInAMeeting(
  browser: Browser,
  serverUrl: string,
): Promise<{ host: Participant; guest: Participant }> {
  const host = await Participant.open(browser, serverUrl, 'Host');
  const guest = await Participant.open(browser, serverUrl, 'Guest');
  await host.register();
  await guest.register();
  const code = await host.createMeeting();
  await host.joinFromPreJoin();
  await guest.enterCode(code);
  await guest.joinFromPreJoin();
  return { host, guest };
}

/**
 * Waits until the app has replaced the sign-in form prerendered into index.html (signInShell/), or the page's
 * own script removed it: the app removes it in the frame it renders its first screen. A click whose press lands
 * on the prerendered form and whose release lands on the app's form is no click at all in Chromium, so every
 * spec acts on the app's own screen.
 */
export async function appTookOver(page: Page): Promise<void> {
  await expect(page.locator('#signin-shell')).toHaveCount(0);
}

/** A camera picture's size and frame rate. */
export interface CameraSize {
  width: number;
  height: number;
  frameRate: number;
}

/**
 * Injected before the app loads: every camera request asks for `size` instead of what the app asks for, both when
 * the camera opens (getUserMedia) and when the app resizes it in place (`applyConstraints`: larger for the SFU's
 * simulcast layers, as cameraSize.ts does when a meeting moves there). Without the second, four people moving to
 * the SFU would all capture at 24 to 30 frames a second at the moment their mesh calls still run too.
 */
function askForCamera(size: CameraSize): void {
  const devices = navigator.mediaDevices;
  if (!devices) return;
  const small = (video: MediaTrackConstraints | undefined): MediaTrackConstraints => ({
    ...video,
    width: { ideal: size.width },
    height: { ideal: size.height },
    frameRate: { ideal: size.frameRate, max: size.frameRate },
  });
  const getUserMedia = devices.getUserMedia.bind(devices);
  devices.getUserMedia = (constraints) => {
    const video = constraints?.video;
    if (!video) return getUserMedia(constraints);
    return getUserMedia({ ...constraints, video: small(typeof video === 'object' ? video : undefined) });
  };
  const applyConstraints = MediaStreamTrack.prototype.applyConstraints;
  MediaStreamTrack.prototype.applyConstraints = function (this: MediaStreamTrack, constraints) {
    return applyConstraints.call(this, this.kind === 'video' ? small(constraints) : constraints);
  };
}

import { test as base, expect, type Browser } from '@playwright/test';
import { launchChromium } from './chromium.js';
import { Participant } from './participant.js';
import { startServer, type ServerProcess } from './serverProcess.js';

export { expect };

/** Opens people's browser contexts on the test's server; each is closed after the test. */
export interface People {
  /** `locale`: the browser's language (English unless given). */
  open(name: string, path?: string, options?: { locale?: string }): Promise<Participant>;
}

export interface MeetOptions {
  /** Done on Alice's pre-join, before she presses Join (she created the meeting). */
  alicePreJoin?(alice: Participant): Promise<void>;
  /** Done on Bob's pre-join, before he presses Join (he entered the code). */
  bobPreJoin?(bob: Participant): Promise<void>;
  /** Wait until both tiles say connected (the default); false where media is not meant to connect. */
  connected?: boolean;
}

export interface Meeting {
  alice: Participant;
  bob: Participant;
  code: string;
}

export interface WavaFixtures {
  /** This file's server environment: `test.use({ serverEnv: { WAVA_MAX_PARTICIPANTS: '2' } })`. */
  serverEnv: Record<string, string>;
  /** The built server as its own process, fresh for each test. */
  server: ServerProcess;
  people: People;
  /** Alice and Bob register; Alice creates a meeting and joins; Bob joins it by its code. */
  meet(options?: MeetOptions): Promise<Meeting>;
}

/**
 * The browser tests' fixtures: one real Chromium per worker (contexts keep people apart), a real server
 * per test started with the file's `serverEnv`, and people who are closed after each test.
 */
export const test = base.extend<WavaFixtures, { browser: Browser }>({
  browser: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's own needs from this pattern.
    async ({}, use) => {
      const browser = await launchChromium();
      await use(browser);
      await browser.close();
    },
    { scope: 'worker' },
  ],
  serverEnv: [{}, { option: true }],
  server: async ({ serverEnv }, use) => {
    const server = await startServer(serverEnv);
    await use(server);
    await server.stop();
  },
  people: async ({ browser, server }, use) => {
    const opened: Participant[] = [];
    await use({
      async open(name, path = '/', options = {}) {
        const person = await Participant.open(browser, server.url, name, path, options);
        opened.push(person);
        return person;
      },
    });
    for (const person of opened) await person.close();
  },
  meet: async ({ people }, use) => {
    await use(async (options = {}) => {
      const alice = await people.open('Alice');
      const bob = await people.open('Bob');
      await alice.register();
      await bob.register();
      const code = await alice.createMeeting();
      await options.alicePreJoin?.(alice);
      await alice.joinFromPreJoin();
      await bob.enterCode(code);
      await options.bobPreJoin?.(bob);
      await bob.joinFromPreJoin();
      if (options.connected ?? true) {
        await expect(alice.tile('Bob')).toHaveAttribute('data-connection', 'connected');
        await expect(bob.tile('Alice')).toHaveAttribute('data-connection', 'connected');
      }
      return { alice, bob, code };
    });
  },
});

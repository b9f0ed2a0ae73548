import { API_ROUTES, userMessage } from '@wava/protocol';
import { describe, expect, it } from 'vitest';
import { errorCodeOf, postFrom } from './support/http.js';
import { startTestServer } from './support/startTestServer.js';
import { createTestClock } from './support/testClock.js';
import { PASSWORD, registerUser, uniqueUsername } from './support/users.js';

const ATTACKER = '127.0.0.1';
const OWNER = '127.0.0.2';

describe('sign-in limits under attack', () => {
  it('evaluates at most the limit of 120 concurrent wrong guesses, and the owner elsewhere still signs in', async () => {
    const server = await startTestServer({ env: { WAVA_LOGIN_MAX_PER_USERNAME: '10', WAVA_LOGIN_WINDOW: '15m' } });
    try {
      const victim = await registerUser(server.api, 'Victim');
      const login = `${server.url}${API_ROUTES.login}`;
      const guesses = await Promise.all(
        Array.from({ length: 120 }, (_, i) =>
          postFrom(ATTACKER, login, { username: victim.username, password: `guess number ${i}` }),
        ),
      );
      const evaluated = guesses.filter((answer) => answer.status === 401);
      const refused = guesses.filter((answer) => answer.status === 429);
      expect(evaluated.length).toBe(10);
      expect(refused.length).toBe(110);
      expect(refused.every((answer) => errorCodeOf(answer.json) === 'RATE_LIMITED')).toBe(true);

      // The attacker's address stays blocked, even with the right password...
      const fromAttacker = await postFrom(ATTACKER, login, { username: victim.username, password: PASSWORD });
      expect(fromAttacker.status).toBe(429);
      // ...and is told how long, in the header, the body and the sentence.
      expect(Number(fromAttacker.headers['retry-after'])).toBeGreaterThan(14 * 60);
      const error = (fromAttacker.json as { error: { retryAfterSeconds: number; message: string } }).error;
      expect(error.retryAfterSeconds).toBe(Number(fromAttacker.headers['retry-after']));
      expect(error.message).toBe(userMessage('RATE_LIMITED', error.retryAfterSeconds));
      expect(error.message).toMatch(/^Too many attempts\. Please try again in 1[45] minutes\.$/);

      // The owner, elsewhere, is not locked out.
      const fromOwner = await postFrom(OWNER, login, { username: victim.username, password: PASSWORD });
      expect(fromOwner.status).toBe(200);
    } finally {
      await server.dispose();
    }
  });

  it('stops guesses spread over many addresses, except from addresses that signed in to the account lately', async () => {
    const clock = createTestClock();
    const server = await startTestServer({
      now: clock.now,
      env: { WAVA_LOGIN_MAX_PER_USERNAME: '10', WAVA_LOGIN_MAX_PER_ACCOUNT: '5', WAVA_LOGIN_ACCOUNT_WINDOW: '1h' },
    });
    try {
      const owner = await registerUser(server.api, 'Owner');
      const login = `${server.url}${API_ROUTES.login}`;
      const right = { username: owner.username, password: PASSWORD };
      expect((await postFrom(OWNER, login, right)).status).toBe(200);

      const statuses: number[] = [];
      for (let i = 0; i < 8; i += 1) {
        const answer = await postFrom(`127.0.1.${i + 1}`, login, { username: owner.username, password: 'a guess' });
        statuses.push(answer.status);
      }
      expect(statuses).toEqual([401, 401, 401, 401, 401, 401, 401, 401]);
      // Past the ceiling each address not known to the account gets 3 attempts per 15 minutes, not 10.
      const more: number[] = [];
      for (let i = 0; i < 4; i += 1) {
        more.push((await postFrom('127.0.1.8', login, { username: owner.username, password: 'a guess' })).status);
      }
      expect(more).toEqual([401, 401, 429, 429]);
      // The owner's own address gets in...
      expect((await postFrom(OWNER, login, right)).status).toBe(200);
      // ...and so does the owner at an address never used before (was: refused for the rest of the hour).
      expect((await postFrom('127.0.2.1', login, right)).status).toBe(200);
    } finally {
      await server.dispose();
    }
  });

  it('does not count good passwords: a class behind one address signs in together', async () => {
    const server = await startTestServer({ env: { WAVA_LOGIN_MAX_PER_IP: '5' } });
    try {
      const pupils = [];
      for (let i = 0; i < 12; i += 1) pupils.push(await registerUser(server.api, `Pupil ${i}`));
      const login = `${server.url}${API_ROUTES.login}`;
      const statuses = [];
      for (const pupil of pupils) {
        statuses.push((await postFrom(ATTACKER, login, { username: pupil.username, password: PASSWORD })).status);
      }
      expect(statuses).toEqual(pupils.map(() => 200));
      // Failures from that address, across usernames, are still limited (password spraying).
      const sprays = [];
      for (let i = 0; i < 6; i += 1) {
        sprays.push(
          (await postFrom(ATTACKER, login, { username: uniqueUsername('spray'), password: 'x-guess-x' })).status,
        );
      }
      expect(sprays).toEqual([401, 401, 401, 401, 401, 429]);
    } finally {
      await server.dispose();
    }
  });
});

describe('registration limits', () => {
  const register = (url: string, from: string, name: string) =>
    postFrom(from, `${url}${API_ROUTES.register}`, {
      username: uniqueUsername(name),
      displayName: name,
      password: PASSWORD,
    });

  it('limits registrations per address and says how long to wait; other addresses go on', async () => {
    const clock = createTestClock();
    const server = await startTestServer({
      now: clock.now,
      env: { WAVA_REGISTER_MAX_PER_IP: '3', WAVA_REGISTER_WINDOW: '1h' },
    });
    try {
      for (let i = 0; i < 3; i += 1) expect((await register(server.url, ATTACKER, 'bot')).status).toBe(201);
      const limited = await register(server.url, ATTACKER, 'bot');
      expect(limited.status).toBe(429);
      clock.advance(25 * 60_000);
      const later = await register(server.url, ATTACKER, 'bot');
      expect((limited.json as { error: { message: string } }).error.message).toBe(
        'Too many attempts. Please try again in 1 hour.',
      );
      expect((later.json as { error: { message: string } }).error.message).toBe(
        'Too many attempts. Please try again in 35 minutes.',
      );
      expect((await register(server.url, OWNER, 'person')).status).toBe(201);
    } finally {
      await server.dispose();
    }
  });

  it('has a ceiling per minute over all addresses', async () => {
    const server = await startTestServer({ env: { WAVA_REGISTER_MAX_PER_MINUTE: '4' } });
    try {
      const statuses = [];
      for (let i = 0; i < 6; i += 1) statuses.push((await register(server.url, `127.0.3.${i + 1}`, 'crowd')).status);
      expect(statuses).toEqual([201, 201, 201, 201, 429, 429]);
    } finally {
      await server.dispose();
    }
  });
});

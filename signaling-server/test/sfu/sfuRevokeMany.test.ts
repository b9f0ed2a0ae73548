import { randomBytes } from 'node:crypto';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createJanusInstance, type JanusInstance } from '../../src/sfu/createJanusInstance.js';
import { ADMIN_REQUESTS_IN_FLIGHT } from '../../src/sfu/listClientHandles.js';
import { startJanus, type JanusProcess } from '../../src/sfu/startJanus.js';
import { startCountingRelay, type CountingRelay } from './countingRelay.js';
import { janusTokens, joinAsPublisher, SFU_SECRET } from './sfuSupport.js';

/**
 * Revoking a whole room's tokens (a meeting of many people ending, or going back to mesh) asks Janus's admin API
 * to remove each token: several at a time (ADMIN_REQUESTS_IN_FLIGHT, as the guard's audits), not one after
 * another, and one Janus fails to remove stops none of the others. The Wava server's instance talks to the admin
 * API through a relay that counts the requests and makes Janus refuse the removal of one token (a wrong secret).
 */
describe('revoking many SFU tokens at once (real Janus)', () => {
  let janus: JanusProcess | undefined;
  let relay: CountingRelay | undefined;
  let instance: JanusInstance | undefined;
  beforeAll(async () => {
    janus = await startJanus({ secret: SFU_SECRET });
  });
  afterEach(async () => {
    instance?.close();
    await relay?.close();
  });
  afterAll(async () => {
    await janus?.stop();
  });

  it('removes every token, a few admin requests at a time, though Janus fails to remove one', async () => {
    const { url, adminUrl } = janus!;
    const failing = { token: '' };
    relay = await startCountingRelay(adminUrl, (request) =>
      request.janus === 'remove_token' && request.token === failing.token
        ? { ...request, admin_secret: 'not-the-secret' }
        : request,
    );
    instance = createJanusInstance(
      { url, adminUrl: relay.url, publicUrl: null, secret: SFU_SECRET },
      pino({ level: 'silent' }),
      { cleanUp: false, talking: { packets: 50, level: 50 } },
    );
    await instance.start();
    const room = `wava-${randomBytes(6).toString('hex')}`;
    const tokens = Array.from({ length: 12 }, () => randomBytes(24).toString('base64url'));
    await instance.createRoom(room, { publishers: 12, allowed: tokens });
    failing.token = tokens[3]!;
    relay.reset();

    const outcome = await instance.revoke(room, tokens).then(
      () => 'revoked',
      (error: Error) => error.message,
    );

    // Every other token is gone from Janus: nobody opens a session with it any more.
    const left = await janusTokens(adminUrl, SFU_SECRET);
    expect(tokens.filter((token) => left.includes(token))).toEqual([failing.token]);
    // The caller hears of the failure (and logs it).
    expect(outcome).toBe('1 of 12 SFU tokens could not be removed');
    expect(relay.count('remove_token')).toBe(tokens.length);
    expect(relay.maxInFlight()).toBeGreaterThan(1);
    expect(relay.maxInFlight()).toBeLessThanOrEqual(ADMIN_REQUESTS_IN_FLIGHT);
    // The one Janus still takes joins the room no more: it left the room's allowed list with the others.
    await expect(joinAsPublisher(url, failing.token, room, 'someone')).rejects.toThrow(/allowed/);
  });
});

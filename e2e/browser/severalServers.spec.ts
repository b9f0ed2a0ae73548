import { startHaproxy } from '../../signaling-server/test/support/haproxy.js';
import { startPostgresCluster } from '../../signaling-server/test/support/postgresCluster.js';
import { freePort } from '../../signaling-server/src/net/freePort.js';
import { startRedisServer } from '../../signaling-server/test/support/redisServer.js';
import { expect, test } from '../support/fixtures.js';
import { Participant } from '../support/participant.js';
import { connectionStats, framesDecoded } from '../support/rtcProbe.js';
import { startServer } from '../support/serverProcess.js';
import { waitFor } from '../support/waitFor.js';

test.setTimeout(180_000);

/**
 * Two real server processes sharing a throwaway PostgreSQL and a redis-server, behind a real haproxy configured
 * like docs/deploy/haproxy.cfg. Each person's browser is pinned to one server with haproxy's cookie.
 */
test('through the balancer: Alice on server 1 and Bob on server 2 call; server 1 stops and Alice moves to server 2 by herself', async ({
  browser,
}) => {
  const cleanups: Array<() => Promise<void>> = [];
  try {
    const postgres = await startPostgresCluster();
    cleanups.push(() => postgres.stop());
    const redis = await startRedisServer();
    cleanups.push(() => redis.stop());
    const balancerPort = await freePort();
    const publicUrl = `http://127.0.0.1:${balancerPort}`;
    const shared = {
      WAVA_DATABASE_URL: postgres.adminUrl,
      WAVA_REDIS_URL: redis.url,
      WAVA_JWT_SECRET: 'one-deployment-wide-jwt-secret-of-32-chars-or-more',
      WAVA_PEER_SECRET: 'one-deployment-wide-peer-secret-of-32-chars-or-more',
      WAVA_PUBLIC_URL: publicUrl,
      WAVA_TRUST_PROXY: 'loopback',
    };
    const one = await startServer(shared);
    cleanups.push(() => one.stop());
    const two = await startServer(shared);
    cleanups.push(() => two.stop());
    const balancer = await startHaproxy([one.url, two.url], balancerPort);
    cleanups.push(() => balancer.stop());

    const open = async (name: string, server: 'w1' | 'w2') => {
      const person = await Participant.open(browser, balancer.url, name);
      cleanups.push(() => person.context.close());
      await person.context.addCookies([{ name: 'WAVASRV', value: server, url: balancer.url }]);
      await person.page.reload();
      return person;
    };
    const alice = await open('Alice', 'w1');
    const bob = await open('Bob', 'w2');
    await alice.register();
    await bob.register();
    const code = await alice.createMeeting();
    await alice.joinFromPreJoin();
    await bob.enterCode(code);
    await bob.joinFromPreJoin();
    await expect(alice.tile('Bob')).toHaveAttribute('data-connection', 'connected');
    await expect(bob.tile('Alice')).toHaveAttribute('data-connection', 'connected');
    // Each joined on the server the balancer pinned them to.
    expect([await joinsOn(one.url), await joinsOn(two.url)]).toEqual([1, 1]);
    await waitFor('media to flow both ways', async () =>
      (await framesDecoded(alice.page)) > 0 && (await framesDecoded(bob.page)) > 0 ? true : undefined,
    );

    // Server 1 drains (SIGTERM). Alice's app reconnects through the balancer (to server 2) and rejoins by itself;
    // media keeps flowing.
    await one.stop();
    await expect(alice.page.locator('[data-testid="connection-banner"][data-state="reconnecting"]')).toHaveCount(0, {
      timeout: 30_000,
    });
    await expect(alice.byTestId('meeting-view')).toBeVisible();
    await expect.poll(() => joinsOn(two.url)).toBe(2);
    const before = await framesDecoded(bob.page);
    await waitFor('frames to keep arriving after the move', async () =>
      (await framesDecoded(bob.page)) > before + 10 ? true : undefined,
    );

    // A newcomer sees both.
    const carol = await open('Carol', 'w1');
    await carol.register();
    await carol.enterCode(code);
    await carol.joinFromPreJoin();
    await expect(carol.remoteTiles()).toHaveCount(2);
    await waitFor('Carol to decode both', async () => {
      const flowing = (await connectionStats(carol.page)).filter((s) => s.videoFramesDecoded > 0);
      return flowing.length >= 2 ? true : undefined;
    });

    // Server 1 comes back and takes new connections through the balancer.
    await one.restart();
    await waitFor('server 1 to be ready again', async () =>
      (await fetch(`${one.url}/readyz`).catch(() => null))?.ok ? true : undefined,
    );
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  }
});

/** `wava_joins_total` of one server (its /metrics answers its own machine). */
async function joinsOn(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  return Number(/^wava_joins_total (\d+)/m.exec(text)?.[1] ?? NaN);
}

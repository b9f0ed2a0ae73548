import type { SfuMode } from '@wava/protocol';
import { pino, type Logger } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { JANUS_ADMIN_PROTOCOL, openJanusSocket, type JanusSocket } from '../../src/sfu/openJanusSocket.js';
import { request } from '../support/sockets.js';
import { handlesWithToken, isSfu, janusRooms, joinAsPublisher, proxyUrl, SFU_SECRET } from '../sfu/sfuSupport.js';
import { backToMesh, useGraceDeployment } from './useGraceDeployment.js';

/** A logger that keeps what it logged (pino's JSON lines). */
function loggedTo(records: { msg: string }[]): Logger {
  return pino({ level: 'info' }, { write: (line: string) => void records.push(JSON.parse(line)) });
}

/**
 * A room ended for everyone (endRoomForEveryone: no server is left to end it for its own seats) drops its tokens,
 * every server's, at once. Someone still reaching Janus with one of them through a `/sfu` proxy, on whichever
 * server, is let go: that server closes the websocket and Janus ends the session with it, instead of keeping
 * it in a room that is gone. Here the server ending the room is not the one the connection goes through.
 */
describe('a room ended for everyone, seen from a proxied Janus connection (real Janus, PostgreSQL, Redis)', () => {
  const { janus, deployment } = useGraceDeployment();
  /** Janus websockets the test opened: closed before the servers stop (registered after their hooks). */
  const opened: JanusSocket[] = [];
  afterEach(() => {
    for (const socket of opened.splice(0)) socket.close();
  });

  it('closes a proxied connection on another server than the one ending the room, and its Janus session ends', async () => {
    const graceMs = 1_000;
    const onFirst: { msg: string }[] = [];
    const onThird: { msg: string }[] = [];
    const { first, start, enter } = await deployment(graceMs, 3, {}, { logger: loggedTo(onFirst) });
    const second = await start();
    const people = [await enter(second, 0), await enter(second, 1), await enter(second, 2)];
    const mine = (await people[0]!.modes.next(isSfu)) as SfuMode;
    // Person 1 reaches Janus through the first server's `/sfu` (a token works through any server's).
    const proxied = await joinAsPublisher(proxyUrl(first.url, mine), mine.token, mine.room, mine.publisherId);
    opened.push(proxied.janus);
    let closed = false;
    proxied.janus.onClose(() => (closed = true));
    const admin = await openJanusSocket(janus().adminUrl, JANUS_ADMIN_PROTOCOL);
    opened.push(admin);
    const sessionsOfMine = () => handlesWithToken(admin, SFU_SECRET, mine.token);
    expect(await sessionsOfMine()).toHaveLength(1);

    // Back to mesh, and the only server keeping the grace (the one that issued the token) stops within it.
    await request(people[2]!.socket, 'meeting:leave', {});
    await backToMesh(people[0]!);
    await second.dispose();
    await new Promise((resolve) => setTimeout(resolve, graceMs + 500));
    expect(closed).toBe(false);

    // A third server starts: its grace sweep ends the room nobody ended, for everyone.
    await start({ logger: loggedTo(onThird) });
    await expect
      .poll(() => janusRooms(janus().url, SFU_SECRET), { timeout: 10_000, interval: 100 })
      .not.toContain(mine.room);
    expect(onThird.map((record) => record.msg)).toContain('SFU room of a grace nobody ended destroyed');
    expect(onFirst.map((record) => record.msg)).not.toContain('SFU room of a grace nobody ended destroyed');

    // The first server let the proxied connection go, and Janus ended its session with it.
    await expect.poll(() => closed, { timeout: 10_000, interval: 50 }).toBe(true);
    await expect.poll(sessionsOfMine, { timeout: 10_000, interval: 100 }).toEqual([]);
  }, 60_000);
});

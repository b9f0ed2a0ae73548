import { randomBytes } from 'node:crypto';
import type { Participant } from '@wava/protocol';
import { describe, expect, it } from 'vitest';
import { createRedisSeatLedger } from '../../src/cluster/createRedisSeatLedger.js';
import type { PeerSeat } from '../../src/meetings/createRoomRegistry.js';
import { useRedis } from './useRedis.js';

const redis = useRedis();

/** A meeting of its own (peer ids carry the meeting tag the ledger keys by). */
function meeting() {
  const tag = randomBytes(6).toString('hex');
  let n = 0;
  const seat = (userId: string): PeerSeat => ({
    peerId: `${tag}-${String((n += 1)).padStart(20, '0')}`,
    userId,
    meetingId: `meeting-${tag}`,
    seat: randomBytes(6).toString('base64url'),
  });
  return { seat };
}
const person = (seat: PeerSeat): Participant => ({
  peerId: seat.peerId,
  userId: seat.userId,
  displayName: seat.userId,
  media: { audio: true, video: true, screen: false },
  joinedAt: new Date(0).toISOString(),
  role: 'participant',
});

async function serverLedger(alive = true) {
  const serverId = randomBytes(4).toString('hex');
  if (alive) await redis().set(`wava:server:${serverId}`, '1', 'PX', 60_000);
  const ledger = createRedisSeatLedger({
    redis: redis(),
    serverId,
    tagOf: (peerId) => peerId.split('-')[0] ?? null,
    tagOfMeeting: (meetingId) => meetingId.slice('meeting-'.length),
    onError: (error) => {
      throw error;
    },
  });
  return { ledger, serverId };
}

describe('the seat ledger in Redis', () => {
  it('lets only as many seats become ready as the meeting holds, and lists the others ready', async () => {
    const { ledger } = await serverLedger();
    const { seat } = meeting();
    const [a, b, c] = [seat('a'), seat('b'), seat('c')];
    for (const s of [a, b, c]) expect(await ledger.claim(s, person(s), 2, 50, 'socket')).toBe('ok');
    expect(await ledger.ready(a, 2)).toEqual({ status: 'ok', others: [] });
    expect(await ledger.ready(b, 2)).toEqual({ status: 'ok', others: [person(a)] });
    expect(await ledger.ready(c, 2)).toEqual({ status: 'full' });
    expect(await ledger.claim(seat('d'), person(seat('d')), 2, 50, 'socket')).toBe('full');
  });

  it('lists everyone ready in a meeting across servers, not those still connecting or on a server gone', async () => {
    const [one, two, dead] = [await serverLedger(), await serverLedger(), await serverLedger()];
    const { seat } = meeting();
    const [a, b, waiting, lost] = [seat('a'), seat('b'), seat('waiting'), seat('lost')];
    expect(await one.ledger.claim(a, person(a), 6, 50, 'socket')).toBe('ok');
    expect(await two.ledger.claim(b, person(b), 6, 50, 'socket')).toBe('ok');
    expect(await two.ledger.claim(waiting, person(waiting), 6, 50, 'socket')).toBe('ok');
    expect(await dead.ledger.claim(lost, person(lost), 6, 50, 'socket')).toBe('ok');
    for (const [ledger, s] of [
      [one.ledger, a],
      [two.ledger, b],
      [dead.ledger, lost],
    ] as const) {
      expect((await ledger.ready(s, 6)).status).toBe('ok');
    }
    await redis().del(`wava:server:${dead.serverId}`);
    const renamed = { ...person(b), displayName: 'B, renamed' };
    two.ledger.update(b.peerId, b.seat, renamed);

    const listed = await one.ledger.readySeats(a.meetingId);
    expect(listed.sort((x, y) => x.peerId.localeCompare(y.peerId))).toEqual([person(a), renamed]);
    expect(await one.ledger.readySeats(meeting().seat('x').meetingId)).toEqual([]);
  });

  it('leaves out a ready seat it cannot read (a newer server wrote it) and still lists the others', async () => {
    const errors: unknown[] = [];
    const serverId = randomBytes(4).toString('hex');
    await redis().set(`wava:server:${serverId}`, '1', 'PX', 60_000);
    const ledger = createRedisSeatLedger({
      redis: redis(),
      serverId,
      tagOf: (peerId) => peerId.split('-')[0] ?? null,
      tagOfMeeting: (meetingId) => meetingId.slice('meeting-'.length),
      onError: (error) => errors.push(error),
    });
    const { seat } = meeting();
    const [a, b] = [seat('a'), seat('b')];
    for (const s of [a, b]) {
      expect(await ledger.claim(s, person(s), 6, 50, 'socket')).toBe('ok');
      expect((await ledger.ready(s, 6)).status).toBe('ok');
    }
    ledger.update(b.peerId, b.seat, { ...person(b), role: 'presenter' } as unknown as Participant);

    expect(await ledger.readySeats(a.meetingId)).toEqual([person(a)]);
    expect(errors).toHaveLength(1);
  });

  it('gives one account one waiting seat per meeting, and frees a seat only for its own nonce', async () => {
    const { ledger } = await serverLedger();
    const { seat } = meeting();
    const first = seat('same');
    expect(await ledger.claim(first, person(first), 6, 50, 'socket')).toBe('ok');
    expect(await ledger.claim(seat('same'), person(first), 6, 50, 'socket')).toBe('pending');

    ledger.release(first.peerId, 'another-nonce');
    expect(await ledger.isLive(first)).toBe(true);
    ledger.release(first.peerId, first.seat);
    expect(await ledger.isLive(first)).toBe(false);
    expect(await ledger.ready(first, 6)).toEqual({ status: 'gone' });
  });

  it('drops the seats of a server that stopped saying it is alive, so they do not hold places for ever', async () => {
    const dead = await serverLedger();
    const { ledger } = await serverLedger();
    const { seat } = meeting();
    const [x, y] = [seat('x'), seat('y')];
    for (const s of [x, y]) {
      expect(await dead.ledger.claim(s, person(s), 2, 50, 'socket')).toBe('ok');
      expect((await dead.ledger.ready(s, 2)).status).toBe('ok');
    }
    const z = seat('z');
    expect(await ledger.claim(z, person(z), 2, 50, 'socket')).toBe('full');

    await redis().del(`wava:server:${dead.serverId}`);
    expect(await ledger.claim(z, person(z), 2, 50, 'socket')).toBe('ok');
    expect(await ledger.ready(z, 2)).toEqual({ status: 'ok', others: [] });
  });

  it('caps the seats one account holds in a meeting across servers, ready or not; a resume is not a new seat', async () => {
    const [one, two] = [await serverLedger(), await serverLedger()];
    const { seat } = meeting();
    const [first, second] = [seat('mallory'), seat('mallory')];
    expect(await one.ledger.claim(first, person(first), 10, 2, 'socket')).toBe('ok');
    expect((await one.ledger.ready(first, 10)).status).toBe('ok');
    expect(await two.ledger.claim(second, person(second), 10, 2, 'socket')).toBe('ok');
    expect((await two.ledger.ready(second, 10)).status).toBe('ok');
    const third = seat('mallory');
    expect(await two.ledger.claim(third, person(third), 10, 2, 'socket')).toBe('too-many');
    expect(await one.ledger.claim({ ...first, seat: 'resumed' }, person(first), 10, 2, 'socket')).toBe('ok');
    const guest = seat('bob');
    expect(await one.ledger.claim(guest, person(guest), 10, 2, 'socket')).toBe('ok');
  });
});

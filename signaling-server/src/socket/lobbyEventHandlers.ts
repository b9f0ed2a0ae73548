import type { LobbyQueue, Participant } from '@wava/protocol';
import type { MeetingWithHost } from '../db/Storage.js';
import { AppError } from '../errors/AppError.js';
import type { KnockEntry } from '../lobby/createLobby.js';
import { GUEST_SESSION_TTL_MS } from '../lobby/createGuestSessions.js';
import type { LiveParticipant } from '../meetings/createRoomRegistry.js';
import { createTokenBucket } from './createTokenBucket.js';
import type { EventHandlers } from './registerEventHandlers.js';
import type { SignalingContext } from './SignalingContext.js';
import type { WavaSocket } from './socketTypes.js';
import { ownReadySeat } from './findReadySeat.js';

/**
 * Knocks per connection: a client knocks when it connects and when its person asks again; each knock (and the
 * leave after it) sends the queue to every host and co-host, so a knock loop must not run at the event rate.
 */
export const LOBBY_KNOCK_LIMIT = Object.freeze({ burst: 5, perSecond: 0.2 });

type LobbyEvent = 'lobby:knock' | 'lobby:leave' | 'lobby:admit' | 'lobby:deny' | 'lobby:admit-all';
type Meeting = Pick<MeetingWithHost, 'id' | 'code' | 'hostId'>;

export interface LobbyEventHandlers extends Pick<EventHandlers, LobbyEvent> {
  /**
   * `meeting:join`'s gate: GUEST_OTHER_MEETING or GUESTS_NOT_ALLOWED for a guest session that may not join it,
   * LOBBY_REQUIRED for someone who must knock first. A resumed seat (a valid peer token of this meeting) was
   * admitted before. Joining takes this connection's knock out of the queue.
   */
  checkJoin(meeting: Meeting, resumed: boolean): Promise<void>;
  /**
   * The same gate for a new seat, without leaving the queue: `meeting:prepare` uses it, since a pre-seat's token
   * would otherwise be a "resumed seat" that skips the waiting room.
   */
  checkEntry(meeting: Meeting): Promise<void>;
  /** This connection closed (or joined): its knock leaves the queue. */
  leaveQueue(): void;
  /**
   * This connection's person was removed from the meeting. A guest's identity costs nothing, so for a guest the
   * address is marked too: guests from it must knock (the host decides) for as long as a guest session lasts.
   */
  removed(meetingId: string): void;
}

/**
 * The waiting room of one connection: knocking (anyone holding the code) and answering knocks (whoever the
 * policy lets admit, from a ready seat). A knocker is in no socket.io room and holds no seat: nothing of the
 * meeting reaches it but the answer to its knock.
 */
export function lobbyEventHandlers(socket: WavaSocket, ctx: SignalingContext): LobbyEventHandlers {
  const { policy, lobby, tickets, denyCooldownMs } = ctx.lobby;
  const user = socket.data.user;
  let knockingOn: Meeting | null = null;
  const knocks = createTokenBucket(LOBBY_KNOCK_LIMIT.burst, LOBBY_KNOCK_LIMIT.perSecond, ctx.now);

  async function checkGuest(meeting: Meeting): Promise<void> {
    const guest = socket.data.guest;
    if (!guest) return;
    if (guest.meetingId !== meeting.id) throw new AppError('GUEST_OTHER_MEETING');
    if (!(await policy.guestsAllowed(meeting))) throw new AppError('GUESTS_NOT_ALLOWED');
  }

  async function mayJoinDirectly(meeting: Meeting): Promise<boolean> {
    if (policy.canAdmit({ meetingId: meeting.id, hostId: meeting.hostId, userId: user.id })) return true;
    if (await lobby.isAdmitted(meeting.id, user.id)) return true;
    if (await policy.isRemoved(meeting, user.id)) return false;
    if (socket.data.guest && (await lobby.deniedFor(meeting.id, [removedGuestsKey(ctx.clientIp(socket.request))])) > 0)
      return false;
    return !(await policy.lobbyEnabled(meeting));
  }

  /** Who turned away means: the person, and for a guest (a new identity costs nothing) also their address. */
  function denialKeys(entry: Pick<KnockEntry, 'identity' | 'guest'>, address: string): string[] {
    return entry.guest ? [entry.identity, `ip:${address}`] : [entry.identity];
  }

  async function leaveQueue(): Promise<void> {
    const meeting = knockingOn;
    knockingOn = null;
    if (meeting && (await lobby.leave(meeting.id, socket.id))) await queueChanged(ctx, meeting);
  }

  /** The seat of someone who may admit in the meeting: NOT_IN_MEETING, or NOT_HOST for anyone else. */
  function admitter(): { meeting: Meeting; entry: LiveParticipant } {
    const { membership, entry } = ownReadySeat(socket, ctx.rooms);
    const meeting = { id: membership.meetingId, code: membership.code, hostId: membership.hostId };
    if (!policy.canAdmit({ meetingId: meeting.id, hostId: meeting.hostId, userId: user.id }))
      throw new AppError('NOT_HOST');
    return { meeting, entry };
  }

  /** The knocker's connection may be on another server: the adapter delivers to it there. */
  async function admit(meeting: Meeting, knock: KnockEntry): Promise<void> {
    await lobby.admit(meeting.id, knock.identity);
    ctx.io.to(knock.socketId).emit('lobby:admitted', { code: meeting.code });
  }

  async function checkEntry(meeting: Meeting, resumed = false): Promise<void> {
    await checkGuest(meeting);
    if (!resumed && !(await mayJoinDirectly(meeting))) throw new AppError('LOBBY_REQUIRED');
  }

  return {
    async checkJoin(meeting, resumed) {
      await checkEntry(meeting, resumed);
      await leaveQueue();
    },
    checkEntry: (meeting) => checkEntry(meeting),
    leaveQueue() {
      leaveQueue().catch((error: unknown) => ctx.logger.warn({ err: error }, 'lobby knock could not be dropped'));
    },

    removed(meetingId) {
      if (!socket.data.guest) return;
      lobby
        .deny(meetingId, [removedGuestsKey(ctx.clientIp(socket.request))], GUEST_SESSION_TTL_MS)
        .catch((error: unknown) => ctx.logger.warn({ err: error }, 'removed guest address could not be marked'));
    },

    async 'lobby:knock'({ code, ticket }) {
      if (socket.data.membership) throw new AppError('ALREADY_IN_MEETING');
      if (!knocks.take()) throw new AppError('RATE_LIMITED', Math.ceil(1000 / LOBBY_KNOCK_LIMIT.perSecond));
      const address = ctx.clientIp(socket.request);
      const meeting = await ctx.meetings.lookUp(code, { userId: user.id, ip: address });
      await checkGuest(meeting);
      if (await mayJoinDirectly(meeting)) return { state: 'admitted' };
      if (!socket.connected) throw new AppError('NOT_IN_MEETING');
      const guest = Boolean(socket.data.guest);
      const turnedAway = denialKeys({ identity: user.id, guest }, address);
      const wait = await lobby.deniedFor(meeting.id, turnedAway);
      if (wait > 0) throw new AppError('LOBBY_DENIED', wait);
      if (knockingOn && knockingOn.id !== meeting.id) await leaveQueue();
      const ticketed = ticket === undefined ? null : tickets.knockedAt(ticket, meeting.id, user.id);
      // A ticket from before a denial keeps no place: after the cooldown the person knocks as a newcomer.
      const knockedAt =
        ticketed !== null && ticketed > (await lobby.deniedAt(meeting.id, turnedAway)) ? ticketed : ctx.now();
      const before = (await lobby.queue(meeting.id)).find((waiting) => waiting.identity === user.id);
      const entry = await lobby.knock(meeting.id, {
        identity: user.id,
        displayName: user.displayName,
        guest,
        // Someone already waiting keeps their place (a knock without the ticket does not move them either).
        knockedAt: Math.min(knockedAt, ctx.now(), before?.knockedAt ?? Infinity),
        socketId: socket.id,
        address,
      });
      knockingOn = meeting;
      // The same person knocking again from another connection: the older one waits no more. The same connection
      // knocking again changes nothing the hosts see: they are not sent the queue again (a knock loop would flood them).
      if (before?.socketId !== socket.id || before.knockedAt !== entry.knockedAt) await queueChanged(ctx, meeting);
      ctx.logger.info({ userId: user.id, meeting: meeting.code, guest }, 'knocked');
      return { state: 'waiting', ticket: tickets.issue(meeting.id, user.id, entry.knockedAt) };
    },

    async 'lobby:leave'() {
      await leaveQueue();
      return null;
    },

    async 'lobby:admit'({ id }) {
      const { meeting } = admitter();
      const knock = await lobby.take(meeting.id, id);
      if (!knock) throw new AppError('LOBBY_ENTRY_GONE');
      await admit(meeting, knock);
      ctx.logger.info({ by: user.id, userId: knock.identity, meeting: meeting.code }, 'admitted from the lobby');
      return queueChanged(ctx, meeting);
    },

    async 'lobby:deny'({ id }) {
      const { meeting } = admitter();
      const knock = await lobby.take(meeting.id, id);
      if (!knock) throw new AppError('LOBBY_ENTRY_GONE');
      await lobby.deny(meeting.id, denialKeys(knock, knock.address), denyCooldownMs);
      ctx.io
        .to(knock.socketId)
        .emit('lobby:denied', { code: meeting.code, retryAfterSeconds: Math.ceil(denyCooldownMs / 1000) });
      ctx.logger.info({ by: user.id, userId: knock.identity, meeting: meeting.code }, 'turned away from the lobby');
      return queueChanged(ctx, meeting);
    },

    async 'lobby:admit-all'() {
      const { meeting } = admitter();
      for (const knock of await lobby.takeAll(meeting.id)) await admit(meeting, knock);
      return queueChanged(ctx, meeting);
    },
  };
}

/** The lobby's mark on an address a guest was removed from (not a knock denial: they may still knock). */
function removedGuestsKey(address: string): string {
  return `removed-guest-ip:${address}`;
}

function toQueue(entries: KnockEntry[]): LobbyQueue {
  return {
    knockers: entries.map((entry) => ({
      id: entry.id,
      displayName: entry.displayName,
      guest: entry.guest,
      knockedAt: new Date(entry.knockedAt).toISOString(),
    })),
  };
}

function admitters(ctx: SignalingContext, meeting: Pick<Meeting, 'id' | 'hostId'>): LiveParticipant[] {
  return ctx.rooms
    .list(meeting.id)
    .filter(
      (entry) =>
        entry.ready &&
        ctx.lobby.policy.canAdmit({ meetingId: meeting.id, hostId: meeting.hostId, userId: entry.participant.userId }),
    );
}

/**
 * Everyone who may admit gets the queue as it is now (several servers: each sends it to its own, told over the
 * bus); returns it.
 */
async function queueChanged(ctx: SignalingContext, meeting: Meeting): Promise<LobbyQueue> {
  const queue = toQueue(await ctx.lobby.lobby.queue(meeting.id));
  if (ctx.lobbyChanged) ctx.lobbyChanged(meeting);
  else sendQueueToAdmitters(ctx, meeting, queue);
  return queue;
}

function sendQueueToAdmitters(ctx: SignalingContext, meeting: Pick<Meeting, 'id' | 'hostId'>, queue: LobbyQueue): void {
  for (const entry of admitters(ctx, meeting)) ctx.io.of('/').sockets.get(entry.socketId)?.emit('lobby:queue', queue);
}

/** Several servers: a meeting's queue changed on some server; this server's admitters get it from Redis. */
export async function lobbyQueueChanged(ctx: SignalingContext, meeting: Pick<Meeting, 'id' | 'hostId'>): Promise<void> {
  if (admitters(ctx, meeting).length === 0) return;
  sendQueueToAdmitters(ctx, meeting, toQueue(await ctx.lobby.lobby.queue(meeting.id)));
}

/** A seat became ready: if it may admit, it learns who is waiting. */
export function sendLobbyQueue(socket: WavaSocket, ctx: SignalingContext, participant: Participant): void {
  const membership = socket.data.membership;
  if (!membership) return;
  const seat = { meetingId: membership.meetingId, hostId: membership.hostId, userId: participant.userId };
  if (!ctx.lobby.policy.canAdmit(seat)) return;
  ctx.lobby.lobby.queue(membership.meetingId).then(
    (queue) => socket.emit('lobby:queue', toQueue(queue)),
    (error: unknown) => ctx.logger.warn({ err: error }, 'lobby queue could not be loaded'),
  );
}

/** The meeting ended: whoever was still waiting is told (`meeting:ended`), and its lobby is forgotten. */
export async function lobbyMeetingEnded(
  ctx: SignalingContext,
  meeting: Pick<MeetingWithHost, 'id' | 'code'>,
): Promise<void> {
  // Several servers: every server is told; the first takes the queue (atomically) and the adapter reaches each
  // knocker wherever it is connected.
  for (const knock of await ctx.lobby.lobby.meetingEnded(meeting.id)) {
    ctx.io.to(knock.socketId).emit('meeting:ended', { code: meeting.code });
  }
}

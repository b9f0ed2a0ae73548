import { randomBytes } from 'node:crypto';
import { PEER_PATH, type LeaveReason, type MediaState, type Participant } from '@wava/protocol';
import type { SharedWindowLimiter } from '../auth/SharedLimits.js';
import type { MeetingWithHost } from '../db/Storage.js';
import { AppError } from '../errors/AppError.js';
import type { LiveParticipant, PeerSeat } from '../meetings/createRoomRegistry.js';
import { toMeetingDto } from '../meetings/toMeetingDto.js';
import { prejoinEventHandlers } from './prejoinEventHandlers.js';
import type { EventHandlers } from './registerEventHandlers.js';
import {
  hostUserId,
  isRemovedFrom,
  roleOf,
  unmuteAsked,
  withUnmuteAsks,
  type LoadedControls,
} from '../meetings/meetingControlsState.js';
import { mediaChangeRefusal } from '../meetings/mediaChangeRefusal.js';
import { moderationEventHandlers } from './moderationEventHandlers.js';
import { lobbyEventHandlers, sendLobbyQueue } from './lobbyEventHandlers.js';
import { roomEventHandlers, sendRoomState } from './roomEventHandlers.js';
import { sfuEventHandlers } from './sfuEventHandlers.js';
import type { SignalingContext } from './SignalingContext.js';
import { meetingRoom, type Membership, type WavaSocket } from './socketTypes.js';

export interface MeetingEventHandlers extends EventHandlers {
  /** Frees this connection's seat and tells the others (unless the server is stopping). */
  leave(reason: LeaveReason): void;
  /** The seat became ready, or went (refused, replaced, ended, the connection gone): `peer:ready` may answer. */
  seatSettled(): void;
}

/**
 * The meeting flow of one connection: join, media, tokens, leave, end. A seat is taken at join but stays
 * invisible (not announced, not listed, no room events) until its PeerJS websocket opens on our server
 * (createSignaling's `opened`); one that does not open within `peer.readyTimeoutMs` is freed.
 */
export function meetingEventHandlers(socket: WavaSocket, ctx: SignalingContext): MeetingEventHandlers {
  const { io, rooms, meetings, credentials, config } = ctx;
  const user = socket.data.user;
  let readyTimer: NodeJS.Timeout | undefined;
  /** `peer:ready` answers waiting for the seat to be ready or to go. */
  const settledWaiters = new Set<() => void>();
  const room = roomEventHandlers(socket, ctx);
  const lobby = lobbyEventHandlers(socket, ctx);
  const prejoin = prejoinEventHandlers(socket, ctx, async (meeting) => {
    await checkControls(await ctx.controls.load(meeting), meeting, false);
    await lobby.checkEntry(meeting);
  });

  /** REMOVED or MEETING_LOCKED, as `meeting:join` refuses them (a resumed seat gets past a lock). */
  async function checkControls(
    controls: LoadedControls,
    meeting: Pick<MeetingWithHost, 'id'>,
    resumed: boolean,
  ): Promise<void> {
    // A removed person is refused, unless a host let them in from the waiting room since.
    if (isRemovedFrom(controls.state, user.id) && !(await ctx.lobby.lobby.isAdmitted(meeting.id, user.id)))
      throw new AppError('REMOVED');
    // A locked meeting still lets in people reconnecting (a resumed seat), the host and co-hosts.
    if (controls.state.locked && !resumed && roleOf(controls, user.id) === 'participant')
      throw new AppError('MEETING_LOCKED');
  }

  /**
   * Peer tokens are minted per account at a bounded rate (join/leave loops, `peer:token` floods), counted here;
   * with several servers, counted in Redis beforehand (reserveSharedToken) instead.
   */
  function mintToken(peerId: string, meetingId: string, seat: string) {
    if (!ctx.sharedTokenLimiter) {
      const limit = ctx.tokenLimiter.hit(user.id);
      if (!limit.allowed) throw new AppError('RATE_LIMITED', limit.retryAfterMs);
    }
    return credentials.issue(peerId, user.id, meetingId, seat);
  }

  /** Several servers: the token about to be minted counts against the deployment-wide limit. */
  async function reserveSharedToken(limiter: SharedWindowLimiter): Promise<void> {
    const limit = await limiter.hit(user.id);
    if (!limit.allowed) throw new AppError('RATE_LIMITED', limit.retryAfterMs);
  }

  /** The seat never got its PeerJS websocket: free it, and drop the transport so the client rejoins. */
  function readyTimedOut(meetingId: string, seat: string): void {
    const entry = socket.data.membership && rooms.get(meetingId, socket.data.membership.peerId);
    if (!entry || entry.seat !== seat || entry.socketId !== socket.id || entry.ready) return;
    ctx.logger.info({ userId: user.id, peerId: entry.participant.peerId }, 'seat freed: PeerJS never connected');
    leave('disconnected');
    socket.conn.close();
  }

  function seatSettled(): void {
    for (const settled of [...settledWaiters]) settled();
  }

  /** Resolves once the seat is ready or gone (`seatSettled`); at the latest after `peer.readyTimeoutMs`. */
  function untilSettled(): Promise<void> {
    return new Promise((resolve) => {
      const settled = () => {
        clearTimeout(timer);
        settledWaiters.delete(settled);
        resolve();
      };
      const timer = setTimeout(settled, config.peer.readyTimeoutMs);
      timer.unref();
      settledWaiters.add(settled);
    });
  }

  function seat(): { membership: Membership; entry: LiveParticipant } {
    const membership = socket.data.membership;
    const entry = membership && rooms.get(membership.meetingId, membership.peerId);
    if (!membership || !entry || entry.socketId !== socket.id) throw new AppError('NOT_IN_MEETING');
    return { membership, entry };
  }

  function leave(reason: LeaveReason): void {
    clearTimeout(readyTimer);
    seatSettled();
    prejoin.release();
    lobby.leaveQueue();
    const membership = socket.data.membership;
    if (!membership) return;
    if (reason === 'removed') lobby.removed(membership.meetingId);
    socket.data.membership = null;
    void socket.leave(meetingRoom(membership.meetingId));
    const removed = rooms.remove(membership.meetingId, membership.peerId, socket.id);
    if (removed) ctx.peers.seatFreed(removed.participant.peerId, removed.seat);
    if (removed) room.seatFreed(membership);
    if (removed) ctx.sfu.seatFreed(removed, reason);
    if (removed?.ready && !ctx.isStopping()) {
      io.to(meetingRoom(membership.meetingId)).emit('participant:left', { peerId: membership.peerId, reason });
      // The host's last seat gone: hosting passes on (after the drop is noticed, for a connection that died).
      if (reason !== 'meeting-ended') {
        ctx.moderator
          .seatLeft(membership, user.id)
          .catch((error: unknown) => ctx.logger.error({ err: error }, 'hosting could not be passed on'));
      }
    }
  }

  /**
   * A resumed seat that another connection of the same person still holds moves to this connection; the
   * PeerJS websocket of the old seat closes (its token dies with it) and the client reconnects with the new one.
   */
  function takeOverSeat(previous: LiveParticipant): void {
    const other = io.of('/').sockets.get(previous.socketId);
    if (other?.data.membership?.peerId === previous.participant.peerId) {
      other.data.membership = null;
      void other.leave(meetingRoom(previous.meetingId));
    }
    ctx.peers.seatFreed(previous.participant.peerId, previous.seat);
  }

  /**
   * Makes room for a joiner in a meeting whose places are all taken but not all ready: the oldest seat still
   * waiting for its PeerJS websocket is freed, and its connection's transport closed (a real client rejoins and
   * then finds the meeting full, or gets in).
   */
  function evictPendingSeat(meetingId: string): void {
    const pending = rooms.list(meetingId).find((entry) => !entry.ready);
    if (!pending) return;
    const other = io.of('/').sockets.get(pending.socketId);
    if (other?.data.membership?.peerId === pending.participant.peerId) other.data.membership = null;
    rooms.remove(meetingId, pending.participant.peerId, pending.socketId);
    ctx.peers.seatFreed(pending.participant.peerId, pending.seat);
    ctx.logger.info({ peerId: pending.participant.peerId }, 'unready seat freed for a joiner');
    other?.conn.close();
  }

  /** Several servers: the seat is taken in the deployment-wide ledger too, atomically against the size limit. */
  async function claimAcrossServers(peerSeat: PeerSeat, participant: Participant, ready: boolean): Promise<void> {
    const outcome = await ctx.ledger!.claim(
      peerSeat,
      participant,
      ctx.sfu.maxParticipants(peerSeat.meetingId),
      config.seatsPerAccount,
      socket.id,
    );
    if (outcome === 'full') throw new AppError('MEETING_FULL');
    if (outcome === 'too-many') throw new AppError('TOO_MANY_SEATS');
    if (outcome === 'pending') throw new AppError('RATE_LIMITED', config.peer.readyTimeoutMs);
    // A seat taken over on this server stays ready, in the ledger too.
    if (ready) await ctx.ledger!.ready(peerSeat, ctx.sfu.maxParticipants(peerSeat.meetingId));
    if (!socket.connected) {
      ctx.ledger!.release(peerSeat.peerId, peerSeat.seat);
      throw new AppError('NOT_IN_MEETING');
    }
  }

  return {
    // Chat, hands and reactions (its extra `seatFreed` is not an event: only protocol event names are wired).
    ...room,
    // The host's powers.
    ...moderationEventHandlers(socket, ctx),
    ...sfuEventHandlers(socket, ctx),
    'meeting:prepare': prejoin['meeting:prepare'],
    // The waiting room (its extra `checkJoin` and `leaveQueue` are not events either).
    ...lobby,
    leave,
    seatSettled,

    async 'meeting:join'(payload) {
      if (socket.data.membership) throw new AppError('ALREADY_IN_MEETING');
      // Throttled like the HTTP look-up: codes that match no meeting count against this account and address.
      const meeting = await meetings.lookUp(payload.code, { userId: user.id, ip: ctx.clientIp(socket.request) });
      // Before the part that must not wait (the seat checks up to taking it), so that it may wait on Redis.
      if (ctx.sharedTokenLimiter) await reserveSharedToken(ctx.sharedTokenLimiter);
      let peerId: string;
      // The peer id prepared on the pre-join screen, whose PeerJS websocket may already be open.
      const prepared = payload.resume ? undefined : prejoin.preparedFor(meeting.id);
      if (payload.resume) {
        const check = credentials.verify(payload.resume.id, payload.resume.token, { resume: true });
        if (!check.ok || check.userId !== user.id || check.meetingId !== meeting.id)
          throw new AppError('PEER_ID_REJECTED');
        peerId = payload.resume.id;
      } else {
        peerId = prepared?.peerId ?? credentials.newPeerId(meeting.id);
      }
      let controls = await ctx.controls.load(meeting);
      await checkControls(controls, meeting, Boolean(payload.resume));
      if (user.id === meeting.hostId && hostUserId(controls) !== user.id) {
        // The creator is back: hosting returns to them.
        const back = await ctx.controls.change(meeting, (current) =>
          current.state.actingHostId === null ? current.state : { ...current.state, actingHostId: null },
        );
        controls = back.controls;
        if (back.changed) ctx.moderator.controlsChanged(controls);
      }
      await lobby.checkJoin(meeting, Boolean(payload.resume));
      if (!socket.connected) throw new AppError('NOT_IN_MEETING');
      // Only ready seats make a meeting full. Seats still waiting for their PeerJS websocket hold no place
      // against someone joining (the oldest gives way), and each account may have one at a time per meeting:
      // nobody fills a meeting with seats that never show up.
      // The mesh limit, or the SFU's when the meeting is (or can move) there.
      const maxParticipants = ctx.sfu.maxParticipants(meeting.id);
      if (rooms.readyCount(meeting.id, peerId) >= maxParticipants) throw new AppError('MEETING_FULL');
      // One account holds at most a few seats (its devices and windows), so one account cannot fill a meeting.
      if (rooms.seatsOf(meeting.id, user.id, peerId) >= config.seatsPerAccount) throw new AppError('TOO_MANY_SEATS');
      if (rooms.pendingOf(meeting.id, user.id, peerId) > 0)
        throw new AppError('RATE_LIMITED', config.peer.readyTimeoutMs);
      const seat = prepared?.seat ?? randomBytes(12).toString('base64url');
      const token = mintToken(peerId, meeting.id, seat);

      const previous = rooms.get(meeting.id, peerId);
      if (previous) takeOverSeat(previous);
      else if (rooms.count(meeting.id) >= maxParticipants) evictPendingSeat(meeting.id);
      const media: MediaState = { ...payload.media, screen: previous?.participant.media.screen ?? false };
      // Where only hosts may unmute, a participant comes in muted (or as unmuted as their resumed seat was), unless a
      // host asked this seat to unmute (the ask is kept with the controls, so it outlives a server restart).
      const asked = unmuteAsked(controls.state, peerId);
      const unmuteRefused = mediaChangeRefusal({
        role: roleOf(controls, user.id),
        settings: controls.state.settings,
        media: { ...media, audio: previous?.participant.media.audio ?? false },
        update: { audio: media.audio },
        unmuteAsked: asked,
      });
      if (unmuteRefused) media.audio = false;
      const participant: Participant = {
        peerId,
        userId: user.id,
        displayName: user.displayName,
        ...(socket.data.guest ? { guest: true as const } : {}),
        media,
        joinedAt: previous?.participant.joinedAt ?? new Date(ctx.now()).toISOString(),
        role: roleOf(controls, user.id),
      };
      // A seat taken over from the same person's older connection stays as visible as it was; a pre-seat whose
      // PeerJS websocket is open is ready at once.
      if (prepared) prejoin.taken(prepared);
      else prejoin.release();
      const ready =
        previous?.ready ??
        (prepared !== undefined &&
          ctx.prejoin?.promote({ peerId, userId: user.id, meetingId: meeting.id, seat }) === true);
      if (ctx.ledger)
        await claimAcrossServers({ peerId, userId: user.id, meetingId: meeting.id, seat }, participant, ready);
      rooms.add({ participant, meetingId: meeting.id, socketId: socket.id, seat, ready });
      socket.data.membership = {
        meetingId: meeting.id,
        code: meeting.code,
        peerId,
        hostId: meeting.hostId,
        joinedAt: participant.joinedAt,
      };
      // Coming in unmuted uses up an ask to unmute.
      if (asked && media.audio) {
        await ctx.controls.change(meeting, (current) => withUnmuteAsks(current.state, [peerId], false));
      }
      if (ready) {
        await socket.join(meetingRoom(meeting.id));
        sendRoomState(socket, ctx, rooms.get(meeting.id, peerId)!);
        ctx.sfu.seatReady(rooms.get(meeting.id, peerId)!);
        sendLobbyQueue(socket, ctx, participant);
        if (!previous) socket.to(meetingRoom(meeting.id)).emit('participant:joined', participant);
        else if (!sameMedia(previous.participant.media, media)) {
          socket.to(meetingRoom(meeting.id)).emit('participant:updated', participant);
        }
      } else {
        clearTimeout(readyTimer);
        readyTimer = setTimeout(() => readyTimedOut(meeting.id, seat), config.peer.readyTimeoutMs);
        readyTimer.unref();
      }
      ctx.metrics.joined();
      ctx.logger.info(
        { userId: user.id, meeting: meeting.code, peerId, resumed: Boolean(payload.resume) },
        'joined meeting',
      );
      return {
        meeting: toMeetingDto(meeting, config.publicUrl),
        self: participant,
        // An unready seat learns nobody's name: the others come as `participant:joined` once it is ready.
        participants: ready
          ? rooms
              .list(meeting.id)
              .filter((other) => other.ready && other.participant.peerId !== peerId)
              .map((other) => other.participant)
          : [],
        peer: { ...token, path: PEER_PATH, key: credentials.key },
        ice: ctx.iceConfig(user.id),
        maxParticipants,
      };
    },

    // The server marks a seat ready itself when its PeerJS websocket opens (one server: before its OPEN goes
    // out). With several servers readiness goes through Redis after that: the answer waits for it, so that sent
    // after the OPEN it comes after the announcements of everyone already here (`participant:joined`), as with
    // one server. (One server answers at once: a seat not ready by then has no PeerJS websocket.)
    async 'peer:ready'() {
      if (ctx.ledger && !seat().entry.ready) await untilSettled();
      seat();
      return null;
    },

    async 'peer:token'() {
      if (ctx.sharedTokenLimiter) {
        seat();
        await reserveSharedToken(ctx.sharedTokenLimiter);
      }
      const { membership, entry } = seat();
      return mintToken(membership.peerId, membership.meetingId, entry.seat);
    },

    async 'media:update'(update) {
      const { membership, entry } = seat();
      const turnsOn =
        (update.audio === true && !entry.participant.media.audio) ||
        (update.screen === true && !entry.participant.media.screen);
      /** The meeting whose ask to unmute this update uses up. */
      let askUsedIn: MeetingWithHost | null = null;
      if (turnsOn) {
        // Decided on the controls as stored now, not on what this server last heard.
        const meeting = await ctx.controls.meetingOf(membership.code);
        const controls = meeting && (await ctx.controls.load(meeting));
        const asked = controls !== null && unmuteAsked(controls.state, membership.peerId);
        if (asked && update.audio === true) askUsedIn = meeting;
        const refusal =
          controls &&
          mediaChangeRefusal({
            role: roleOf(controls, user.id),
            settings: controls.state.settings,
            media: entry.participant.media,
            update,
            unmuteAsked: asked,
          });
        if (refusal) {
          ctx.logger.info(
            { userId: user.id, peerId: membership.peerId, refusal },
            'media change refused by the meeting settings',
          );
          throw new AppError(refusal);
        }
      }
      const current = rooms.get(membership.meetingId, membership.peerId);
      if (!current || current.socketId !== socket.id) throw new AppError('NOT_IN_MEETING');
      const participant = { ...current.participant, media: { ...current.participant.media, ...update } };
      rooms.update(membership.meetingId, membership.peerId, { participant });
      // An ask to unmute is used up by unmuting.
      if (askUsedIn) {
        await ctx.controls.change(askUsedIn, (controls) => withUnmuteAsks(controls.state, [membership.peerId], false));
      }
      ctx.ledger?.update(membership.peerId, current.seat, participant);
      // Allowed to turn it on (the settings refused nothing above): the SFU forwards it again if a host stopped it.
      if (update.audio === true) ctx.sfu.setForwarded(membership.meetingId, membership.peerId, 'audio', true);
      if (update.video === true) ctx.sfu.setForwarded(membership.meetingId, membership.peerId, 'camera', true);
      if (update.screen === true) ctx.sfu.setForwarded(membership.meetingId, membership.peerId, 'screen', true);
      if (current.ready) socket.to(meetingRoom(membership.meetingId)).emit('participant:updated', participant);
      return participant;
    },

    async 'ice:refresh'() {
      // TURN credentials are a relay anyone could use: a guest (whom an invite link alone lets connect) gets them
      // only while holding a seat, that is once admitted.
      if (socket.data.guest) seat();
      return ctx.iceConfig(user.id);
    },

    async 'meeting:leave'() {
      seat();
      leave('left');
      return null;
    },

    async 'meeting:end'() {
      const { membership } = seat();
      // The creator, or whom hosting passed to; never a co-host.
      await meetings.end(
        user,
        membership.code,
        async (meeting, userId) => hostUserId(await ctx.controls.load(meeting)) === userId,
      );
      return null;
    },
  };
}

function sameMedia(a: MediaState, b: MediaState): boolean {
  return a.audio === b.audio && a.video === b.video && a.screen === b.screen;
}

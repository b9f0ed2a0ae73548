import type { LeaveReason, MediaState, Participant } from '@wava/protocol';
import { AppError } from '../errors/AppError.js';
import type { LiveParticipant } from '../meetings/createRoomRegistry.js';
import { toMeetingDto } from '../meetings/toMeetingDto.js';
import { PEER_PATH } from '../peer/createPeerGateway.js';
import type { EventHandlers } from './registerEventHandlers.js';
import type { SignalingContext } from './SignalingContext.js';
import { meetingRoom, type Membership, type WavaSocket } from './socketTypes.js';

export interface MeetingEventHandlers extends EventHandlers {
  /** Frees this connection's seat and tells the others (unless the server is stopping). */
  leave(reason: LeaveReason): void;
}

/** The meeting flow of one connection: join, ready, media, tokens, leave, end. */
export function meetingEventHandlers(socket: WavaSocket, ctx: SignalingContext): MeetingEventHandlers {
  const { io, rooms, meetings, credentials, config } = ctx;
  const user = socket.data.user;

  function seat(): { membership: Membership; entry: LiveParticipant } {
    const membership = socket.data.membership;
    const entry = membership && rooms.get(membership.meetingId, membership.peerId);
    if (!membership || !entry || entry.socketId !== socket.id) throw new AppError('NOT_IN_MEETING');
    return { membership, entry };
  }

  function leave(reason: LeaveReason): void {
    const membership = socket.data.membership;
    if (!membership) return;
    socket.data.membership = null;
    void socket.leave(meetingRoom(membership.meetingId));
    const removed = rooms.remove(membership.meetingId, membership.peerId, socket.id);
    if (removed?.ready && !ctx.isStopping()) {
      io.to(meetingRoom(membership.meetingId)).emit('participant:left', { peerId: membership.peerId, reason });
    }
  }

  /** A resumed seat that another connection of the same person still holds moves to this connection. */
  function takeOverSeat(previous: LiveParticipant): void {
    if (previous.socketId === socket.id) return;
    const other = io.of('/').sockets.get(previous.socketId);
    if (other?.data.membership?.peerId === previous.participant.peerId) {
      other.data.membership = null;
      void other.leave(meetingRoom(previous.meetingId));
    }
  }

  return {
    leave,

    async 'meeting:join'(payload) {
      if (socket.data.membership) throw new AppError('ALREADY_IN_MEETING');
      const meeting = await meetings.findOpen(payload.code);
      let peerId: string;
      if (payload.resume) {
        const check = credentials.verify(payload.resume.id, payload.resume.token, { resume: true });
        if (!check.ok || check.userId !== user.id || check.meetingId !== meeting.id)
          throw new AppError('PEER_ID_REJECTED');
        peerId = payload.resume.id;
      } else {
        peerId = credentials.newPeerId(meeting.id);
      }
      if (!socket.connected) throw new AppError('NOT_IN_MEETING');
      if (rooms.count(meeting.id, peerId) >= config.maxParticipants) throw new AppError('MEETING_FULL');

      const previous = rooms.get(meeting.id, peerId);
      if (previous) takeOverSeat(previous);
      const media: MediaState = { ...payload.media, screen: previous?.participant.media.screen ?? false };
      const participant: Participant = {
        peerId,
        userId: user.id,
        displayName: user.displayName,
        media,
        joinedAt: previous?.participant.joinedAt ?? new Date(ctx.now()).toISOString(),
      };
      const ready = previous?.ready ?? false;
      rooms.add({ participant, meetingId: meeting.id, socketId: socket.id, ready });
      socket.data.membership = { meetingId: meeting.id, code: meeting.code, peerId };
      await socket.join(meetingRoom(meeting.id));
      if (ready && !sameMedia(previous!.participant.media, media)) {
        socket.to(meetingRoom(meeting.id)).emit('participant:updated', participant);
      }
      ctx.metrics.joined();
      ctx.logger.info(
        { userId: user.id, meeting: meeting.code, peerId, resumed: Boolean(payload.resume) },
        'joined meeting',
      );
      return {
        meeting: toMeetingDto(meeting, config.publicUrl),
        self: participant,
        participants: rooms
          .list(meeting.id)
          .filter((other) => other.ready && other.participant.peerId !== peerId)
          .map((other) => other.participant),
        peer: { ...credentials.issue(peerId, user.id, meeting.id), path: PEER_PATH, key: credentials.key },
        ice: ctx.iceConfig(user.id),
        maxParticipants: config.maxParticipants,
      };
    },

    async 'peer:ready'() {
      const { membership, entry } = seat();
      if (!entry.ready) {
        entry.ready = true;
        socket.to(meetingRoom(membership.meetingId)).emit('participant:joined', entry.participant);
      }
      return null;
    },

    async 'peer:token'() {
      const { membership } = seat();
      return credentials.issue(membership.peerId, user.id, membership.meetingId);
    },

    async 'media:update'(update) {
      const { membership, entry } = seat();
      entry.participant = { ...entry.participant, media: { ...entry.participant.media, ...update } };
      if (entry.ready) socket.to(meetingRoom(membership.meetingId)).emit('participant:updated', entry.participant);
      return entry.participant;
    },

    async 'ice:refresh'() {
      return ctx.iceConfig(user.id);
    },

    async 'meeting:leave'() {
      seat();
      leave('left');
      return null;
    },

    async 'meeting:end'() {
      const { membership } = seat();
      await meetings.end(user, membership.code);
      return null;
    },
  };
}

function sameMedia(a: MediaState, b: MediaState): boolean {
  return a.audio === b.audio && a.video === b.video && a.screen === b.screen;
}

import { randomUUID } from 'node:crypto';
import { chatRefusal, LIMITS, ROOM_EVENT_LIMITS, runsMeeting, type Hands } from '@wava/protocol';
import { AppError } from '../errors/AppError.js';
import type { HandChange } from '../meetings/createHandRegistry.js';
import { roleOf, toControlsDto } from '../meetings/meetingControlsState.js';
import type { LiveParticipant } from '../meetings/createRoomRegistry.js';
import { createTokenBucket, type TokenBucket } from './createTokenBucket.js';
import type { EventHandlers } from './registerEventHandlers.js';
import type { SignalingContext } from './SignalingContext.js';
import { meetingRoom, type Membership, type WavaSocket } from './socketTypes.js';
import { toChatMessage } from './toChatMessage.js';
import { findReadySeat, ownReadySeat, seatConnection, type ReadySeat } from './findReadySeat.js';

type RoomEvent = 'chat:send' | 'chat:history' | 'chat:clear' | 'hand:raise' | 'hand:lower' | 'reaction:send';

export interface RoomEventHandlers extends Pick<EventHandlers, RoomEvent> {
  /** This connection's seat was freed: its hand goes down for everyone. */
  seatFreed(membership: Membership): void;
}

/**
 * Chat, raised hands and reactions of one connection. Only a ready seat (its PeerJS websocket open, so in the
 * meeting's socket.io room) may use them, and everything goes to that meeting's room only: ready seats.
 * Each kind has its own per-connection token bucket on top of the connection's general one.
 */
export function roomEventHandlers(socket: WavaSocket, ctx: SignalingContext): RoomEventHandlers {
  const { io, rooms, hands, chat } = ctx;
  const bucket = (limit: { burst: number; perSecond: number }) =>
    createTokenBucket(limit.burst, limit.perSecond, ctx.now);
  const chatBucket = bucket(ROOM_EVENT_LIMITS.chat);
  const reactionBucket = bucket(ROOM_EVENT_LIMITS.reaction);
  const handBucket = bucket(ROOM_EVENT_LIMITS.hand);

  function readySeat(limit: TokenBucket): { membership: Membership; entry: LiveParticipant } {
    const { membership, entry } = ownReadySeat(socket, rooms);
    if (!limit.take()) throw new AppError('RATE_LIMITED');
    return { membership, entry };
  }

  /** Everyone in the meeting learns the hands after a change; the one who changed them gets them as the answer. */
  function answer(meetingId: string, change: HandChange): Hands {
    const current = { hands: change.hands };
    if (change.changed) ctx.handsChanged(meetingId, current);
    return current;
  }

  return {
    seatFreed(membership) {
      // A stopping server's people come back through another server (with several) and keep their hands up.
      if (ctx.isStopping()) return;
      hands.lower(membership.meetingId, membership.peerId).then(
        (change) => void answer(membership.meetingId, change),
        (error: unknown) => ctx.logger.warn({ err: error }, 'hand could not be lowered'),
      );
    },

    async 'chat:send'({ to, text }) {
      const { membership, entry } = readySeat(chatBucket);
      let recipient: ReadySeat | null = null;
      if (to !== undefined) {
        if (to === membership.peerId) throw new AppError('BAD_REQUEST');
        recipient = await findReadySeat(ctx, membership, to);
        if (!recipient) throw new AppError('RECIPIENT_NOT_IN_MEETING');
      }
      // Chat for hosts only: a participant may still write privately to a host or co-host.
      const meeting = await ctx.controls.meetingOf(membership.code);
      const controls = meeting && (await ctx.controls.load(meeting));
      const refusal =
        controls &&
        chatRefusal({
          role: roleOf(controls, entry.participant.userId),
          settings: controls.state.settings,
          recipient: recipient ? roleOf(controls, recipient.participant.userId) : null,
        });
      if (refusal) throw new AppError(refusal);
      const record = {
        id: randomUUID(),
        meetingId: membership.meetingId,
        senderId: entry.participant.userId,
        senderPeerId: membership.peerId,
        senderName: entry.participant.displayName,
        recipientId: recipient?.participant.userId ?? null,
        recipientPeerId: recipient?.participant.peerId ?? null,
        recipientName: recipient?.participant.displayName ?? null,
        text,
        sentAt: ctx.now(),
      };
      // Stored first: someone who becomes ready meanwhile finds it in their history, or gets it live.
      await chat.insert(record);
      const message = toChatMessage(record);
      // Straight to a connection of this server; by connection id to another server's (the Redis adapter).
      if (recipient) seatConnection(ctx, recipient).emit('chat:message', message);
      else socket.to(meetingRoom(membership.meetingId)).emit('chat:message', message);
      return message;
    },

    async 'chat:history'() {
      const { membership, entry } = readySeat(handBucket);
      return loadHistory(ctx, membership.meetingId, entry.participant.userId);
    },

    async 'chat:clear'() {
      const { membership, entry } = readySeat(handBucket);
      if (!runsMeeting(entry.participant.role)) throw new AppError('NOT_HOST');
      await chat.clear(membership.meetingId);
      io.to(meetingRoom(membership.meetingId)).emit('chat:cleared', {});
      return null;
    },

    async 'hand:raise'() {
      const { membership } = readySeat(handBucket);
      return answer(membership.meetingId, await hands.raise(membership.meetingId, membership.peerId, ctx.now()));
    },

    async 'hand:lower'({ peerId }) {
      const { membership, entry } = readySeat(handBucket);
      const whose = peerId ?? membership.peerId;
      if (whose !== membership.peerId && !runsMeeting(entry.participant.role)) throw new AppError('NOT_HOST');
      return answer(membership.meetingId, await hands.lower(membership.meetingId, whose));
    },

    async 'reaction:send'({ emoji }) {
      const { membership } = readySeat(reactionBucket);
      const reaction = { peerId: membership.peerId, emoji, sentAt: new Date(ctx.now()).toISOString() };
      socket.to(meetingRoom(membership.meetingId)).emit('reaction', reaction);
      return reaction;
    },
  };
}

async function loadHistory(ctx: SignalingContext, meetingId: string, userId: string) {
  const records = await ctx.chat.listReadableBy(meetingId, userId, LIMITS.chatHistoryMax);
  return { messages: records.map(toChatMessage) };
}

/**
 * What a seat that just became ready needs to catch up: the raised hands at once, and the chat history it may
 * read once loaded (a message arriving meanwhile may come both live and in the history: clients keep one by id).
 */
export function sendRoomState(socket: WavaSocket, ctx: SignalingContext, entry: LiveParticipant): void {
  const stillHere = () => socket.data.membership?.peerId === entry.participant.peerId;
  ctx.hands.list(entry.meetingId).then(
    (hands) => {
      if (stillHere()) socket.emit('hand:changed', { hands });
    },
    (error: unknown) => ctx.logger.warn({ err: error }, 'raised hands could not be loaded'),
  );
  const code = socket.data.membership?.code;
  if (code !== undefined) sendControls(socket, ctx, entry, code);
  loadHistory(ctx, entry.meetingId, entry.participant.userId).then(
    (history) => {
      if (stillHere()) socket.emit('chat:history', history);
    },
    (error: unknown) => ctx.logger.warn({ err: error }, 'chat history could not be loaded'),
  );
}

/** Who hosts, co-hosts, the lock and settings, to a seat that just became ready. */
function sendControls(socket: WavaSocket, ctx: SignalingContext, entry: LiveParticipant, code: string): void {
  ctx.controls
    .meetingOf(code)
    .then(async (meeting) => {
      if (!meeting) return;
      const controls = await ctx.controls.load(meeting);
      if (socket.data.membership?.peerId === entry.participant.peerId)
        socket.emit('moderation:state', toControlsDto(controls));
    })
    .catch((error: unknown) => ctx.logger.warn({ err: error }, 'meeting controls could not be loaded'));
}

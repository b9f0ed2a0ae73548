import {
  MODERATION_EVENT_LIMIT,
  REMOVED_MAX,
  runsMeeting,
  type MeetingRole,
  type ModerationAction,
  type Moderator as ModeratorParty,
  type RemovedList,
} from '@wava/protocol';
import type { MeetingWithHost } from '../db/Storage.js';
import { AppError } from '../errors/AppError.js';
import type { LiveParticipant } from '../meetings/createRoomRegistry.js';
import {
  hostUserId,
  roleOf,
  toControlsDto,
  withCoHost,
  withUnmuteAsks,
  type LoadedControls,
} from '../meetings/meetingControlsState.js';
import { createTokenBucket } from './createTokenBucket.js';
import type { PresentSeat } from './createModerator.js';
import type { EventHandlers } from './registerEventHandlers.js';
import type { SignalingContext } from './SignalingContext.js';
import type { Membership, WavaSocket } from './socketTypes.js';
import { ownReadySeat } from './findReadySeat.js';

type ModerationEvent = Extract<keyof EventHandlers, `moderation:${string}`>;

/** Who sends a host event: their seat, meeting, current controls and role. */
interface Sender {
  membership: Membership;
  entry: LiveParticipant;
  meeting: MeetingWithHost;
  controls: LoadedControls;
  role: MeetingRole;
  by: ModeratorParty;
}

/**
 * The host's powers for one connection. Each checks, in order: a ready seat (NOT_IN_MEETING), the per-connection
 * limit (RATE_LIMITED), the sender's role in the controls as stored now (NOT_HOST), and the target, a ready seat of
 * the meeting on any server (PARTICIPANT_NOT_FOUND).
 */
export function moderationEventHandlers(
  socket: WavaSocket,
  ctx: SignalingContext,
): Pick<EventHandlers, ModerationEvent> {
  const { rooms, moderator, controls: store } = ctx;
  const bucket = createTokenBucket(MODERATION_EVENT_LIMIT.burst, MODERATION_EVENT_LIMIT.perSecond, ctx.now);

  async function sender(need: 'anyone' | 'runs' | 'host'): Promise<Sender> {
    const { membership, entry } = ownReadySeat(socket, rooms);
    if (!bucket.take()) throw new AppError('RATE_LIMITED');
    const meeting = await store.meetingOf(membership.code);
    if (!meeting || meeting.endedAt !== null) throw new AppError('MEETING_ENDED');
    const controls = await store.load(meeting);
    const role = roleOf(controls, socket.data.user.id);
    if (need === 'runs' && !runsMeeting(role)) throw new AppError('NOT_HOST');
    if (need === 'host' && role !== 'host') throw new AppError('NOT_HOST');
    const by = { peerId: membership.peerId, displayName: entry.participant.displayName };
    return { membership, entry, meeting, controls, role, by };
  }

  /** The target: a ready seat of the meeting (any server), not the sender's own. */
  async function target(from: Sender, peerId: string): Promise<PresentSeat> {
    const found = (await moderator.present(from.membership.meetingId)).find((seat) => seat.peerId === peerId);
    if (!found) throw new AppError('PARTICIPANT_NOT_FOUND');
    if (found.userId === socket.data.user.id) throw new AppError('BAD_REQUEST');
    return found;
  }

  async function actOn(peerId: string, action: ModerationAction['action']): Promise<null> {
    const from = await sender('runs');
    await target(from, peerId);
    // An ask to unmute is kept with the controls, before the person hears of it (it outlives a restart); a mute
    // takes it back.
    if (action === 'unmute-asked' || action === 'muted') {
      await store.change(from.meeting, (current) => withUnmuteAsks(current.state, [peerId], action === 'unmute-asked'));
    }
    moderator.run({
      kind: 'act',
      meetingId: from.membership.meetingId,
      action,
      peerIds: [peerId],
      exceptUserIds: [],
      by: from.by,
    });
    return null;
  }

  function removedList(controls: LoadedControls): RemovedList {
    return {
      removed: controls.state.removed.map((entry) => ({
        ...entry,
        removedAt: new Date(entry.removedAt).toISOString(),
      })),
    };
  }

  return {
    async 'moderation:state'() {
      const { controls } = await sender('anyone');
      return toControlsDto(controls);
    },

    async 'moderation:lock'({ locked }) {
      const { meeting } = await sender('runs');
      const { controls, changed } = await store.change(meeting, (current) =>
        current.state.locked === locked ? current.state : { ...current.state, locked },
      );
      return changed ? moderator.controlsChanged(controls) : toControlsDto(controls);
    },

    async 'moderation:settings'({ title, ...settings }) {
      const from = await sender('runs');
      let meeting = from.meeting;
      if (title !== undefined && title !== meeting.title) {
        await store.setTitle(meeting.id, title);
        meeting = { ...meeting, title };
      }
      const { controls } = await store.change(meeting, (current) => ({
        ...current.state,
        settings: { ...current.state.settings, ...settings },
      }));
      if (settings.screenShare === 'hosts') {
        // Participants sharing now stop: the rule holds from this moment.
        const dto = toControlsDto(controls);
        moderator.run({
          kind: 'act',
          meetingId: meeting.id,
          action: 'screen-stopped',
          peerIds: null,
          exceptUserIds: [dto.hostUserId, ...dto.coHostUserIds],
          by: from.by,
        });
      }
      return moderator.controlsChanged(controls);
    },

    'moderation:mute': ({ peerId }) => actOn(peerId, 'muted'),
    'moderation:askUnmute': ({ peerId }) => actOn(peerId, 'unmute-asked'),
    'moderation:stopVideo': ({ peerId }) => actOn(peerId, 'video-stopped'),
    'moderation:stopScreen': ({ peerId }) => actOn(peerId, 'screen-stopped'),

    async 'moderation:muteAll'() {
      const from = await sender('runs');
      const dto = toControlsDto(from.controls);
      // Muted: no ask to unmute stays pending (hosts and co-hosts never need one).
      await store.change(from.meeting, (current) => withUnmuteAsks(current.state, current.state.unmuteAsks, false));
      moderator.run({
        kind: 'act',
        meetingId: from.membership.meetingId,
        action: 'muted',
        peerIds: null,
        exceptUserIds: [dto.hostUserId, ...dto.coHostUserIds, socket.data.user.id],
        by: from.by,
      });
      return null;
    },

    async 'moderation:remove'({ peerId }) {
      const from = await sender('runs');
      const who = await target(from, peerId);
      if (who.userId === from.controls.ownerId) throw new AppError('TARGET_IS_HOST');
      if (from.role !== 'host' && who.userId === hostUserId(from.controls)) throw new AppError('TARGET_IS_HOST');
      const { controls, changed } = await store.change(from.meeting, (current) => {
        if (current.state.actingHostId === who.userId && from.role !== 'host') throw new AppError('TARGET_IS_HOST');
        const removed = current.state.removed.filter((entry) => entry.userId !== who.userId);
        removed.push({ userId: who.userId, displayName: who.displayName, removedAt: ctx.now() });
        return {
          ...current.state,
          // A removed host (hosting had passed to them) hands it back to the creator.
          actingHostId: current.state.actingHostId === who.userId ? null : current.state.actingHostId,
          coHostIds: current.state.coHostIds.filter((id) => id !== who.userId),
          removed: removed.slice(-REMOVED_MAX),
        };
      });
      moderator.run({ kind: 'remove', meetingId: from.membership.meetingId, userId: who.userId, by: from.by });
      if (changed) moderator.controlsChanged(controls);
      return null;
    },

    async 'moderation:listRemoved'() {
      const { controls } = await sender('runs');
      return removedList(controls);
    },

    async 'moderation:allowBack'({ userId }) {
      const { meeting } = await sender('runs');
      const { controls } = await store.change(meeting, (current) =>
        current.state.removed.some((entry) => entry.userId === userId)
          ? { ...current.state, removed: current.state.removed.filter((entry) => entry.userId !== userId) }
          : current.state,
      );
      ctx.logger.info({ meeting: meeting.code, userId }, 'allowed back');
      return removedList(controls);
    },

    async 'moderation:setRole'({ peerId, role }) {
      const from = await sender('runs');
      const who = await target(from, peerId);
      if (who.userId === hostUserId(from.controls)) throw new AppError('TARGET_IS_HOST');
      const { controls, changed } = await store.change(from.meeting, (current) => {
        if (hostUserId(current) === who.userId) throw new AppError('TARGET_IS_HOST');
        const has = current.state.coHostIds.includes(who.userId);
        if (has === (role === 'co-host')) return current.state;
        const coHostIds = has
          ? current.state.coHostIds.filter((id) => id !== who.userId)
          : withCoHost(current.state.coHostIds, who.userId);
        return { ...current.state, coHostIds };
      });
      return changed ? moderator.controlsChanged(controls) : toControlsDto(controls);
    },

    async 'moderation:handOver'({ peerId }) {
      const from = await sender('host');
      const who = await target(from, peerId);
      const { controls } = await store.change(from.meeting, (current) => {
        const former = hostUserId(current);
        if (former !== socket.data.user.id) throw new AppError('NOT_HOST');
        const coHostIds = current.state.coHostIds.filter((id) => id !== who.userId && id !== former);
        return {
          ...current.state,
          actingHostId: who.userId === current.ownerId ? null : who.userId,
          // The former host stays in charge as a co-host.
          coHostIds: withCoHost(coHostIds, former),
        };
      });
      return moderator.controlsChanged(controls);
    },
  };
}

import {
  apiError,
  meetingControlsSchema,
  missingCaseError,
  moderatorSchema,
  MODERATION_ACTIONS,
  type LeaveReason,
  type MediaState,
  type MeetingControls,
  type ModerationAction,
  type Participant,
} from '@wava/protocol';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { SeatLedger } from '../cluster/createRedisSeatLedger.js';
import type { LiveParticipant, RoomRegistry } from '../meetings/createRoomRegistry.js';
import type { SfuController } from '../sfu/createSfuController.js';
import type { ForwardedKind } from '../sfu/createSfuModeration.js';
import type { MeetingControlsStore } from '../meetings/createMeetingControls.js';
import {
  hostUserId,
  pickSuccessor,
  roleIn,
  toControlsDto,
  type LoadedControls,
} from '../meetings/meetingControlsState.js';
import { meetingRoom, type Membership, type WavaIo } from './socketTypes.js';

/**
 * What the seat holder's server does for a host action: seats live in the memory of the server their connection
 * is on, so an action is carried out there (on this server directly; with several servers, sent to the others
 * with Socket.io's `serverSideEmit` and carried out by whichever holds the seat).
 */
const commandSchema = z.discriminatedUnion('kind', [
  /** The controls changed: every server brings its seats' roles up to date. */
  z.object({ kind: z.literal('controls'), meetingId: z.string(), controls: meetingControlsSchema }),
  /** Mute, stop camera or screen, ask to unmute: these seats, or (`peerIds` null) everyone but `exceptUserIds`. */
  z.object({
    kind: z.literal('act'),
    meetingId: z.string(),
    action: z.enum(MODERATION_ACTIONS),
    peerIds: z.array(z.string()).nullable(),
    exceptUserIds: z.array(z.string()),
    by: moderatorSchema,
  }),
  /** Every seat of the account leaves the meeting. */
  z.object({ kind: z.literal('remove'), meetingId: z.string(), userId: z.string(), by: moderatorSchema }),
]);
export type ModerationCommand = z.infer<typeof commandSchema>;

/** A ready seat of a meeting, wherever its connection is. */
export interface PresentSeat {
  peerId: string;
  userId: string;
  displayName: string;
  joinedAt: string;
}

export interface Moderator {
  /** Carries out a command on every server (this one included). */
  run(command: ModerationCommand): void;
  /** Tells everyone the new controls and brings every seat's role up to date. */
  controlsChanged(controls: LoadedControls): MeetingControls;
  /** The ready seats of the meeting, deployment-wide. */
  present(meetingId: string): Promise<PresentSeat[]>;
  /** A ready seat left: if it was the host's last one, hosting passes on (to a co-host, else the longest present). */
  seatLeft(membership: Membership, userId: string): Promise<void>;
}

/** A host's last seat left and hosting could not be passed on (who is present not known): tried again this often. */
const SEAT_LEFT_ATTEMPTS = 3;
const SEAT_LEFT_RETRY_MS = 1_000;

export function createModerator(deps: {
  io: WavaIo;
  rooms: RoomRegistry;
  controls: MeetingControlsStore;
  logger: Logger;
  ledger?: SeatLedger;
  /** Several servers: commands go to the others too. */
  clustered: boolean;
  /** Frees the seat of a local connection (its handlers' `leave`). */
  leave(socketId: string, reason: LeaveReason): void;
  isStopping(): boolean;
  /** In SFU mode, what a host turned off is no longer forwarded by Janus either. */
  sfu?: Pick<SfuController, 'setForwarded'>;
  /** A person was removed: an earlier admission from the waiting room no longer lets them back. */
  admissionRevoked?(meetingId: string, userId: string): void;
  /** A ready local seat's role changed (a new co-host learns who is waiting). */
  roleChanged?(entry: LiveParticipant): void;
}): Moderator {
  const { io, rooms, logger } = deps;

  /** Replaces a local seat's participant and tells the meeting when the seat is visible. */
  function updateParticipant(entry: LiveParticipant, participant: LiveParticipant['participant']): void {
    rooms.update(entry.meetingId, participant.peerId, { participant });
    deps.ledger?.update(participant.peerId, entry.seat, participant);
    if (entry.ready) io.to(meetingRoom(entry.meetingId)).emit('participant:updated', participant);
  }

  function refreshRoles(meetingId: string, controls: MeetingControls): void {
    for (const entry of rooms.list(meetingId)) {
      const role = roleIn(controls, entry.participant.userId);
      if (role === entry.participant.role) continue;
      const participant = { ...entry.participant, role };
      updateParticipant(entry, participant);
      if (entry.ready) deps.roleChanged?.({ ...entry, participant });
    }
  }

  function act(command: Extract<ModerationCommand, { kind: 'act' }>): void {
    const targeted = ({ peerId, userId }: Participant) =>
      command.peerIds ? command.peerIds.includes(peerId) : !command.exceptUserIds.includes(userId);
    for (const entry of rooms.list(command.meetingId)) {
      const { participant } = entry;
      if (!entry.ready || !targeted(participant)) continue;
      // "Stop every participant's share" reaches only the people sharing.
      if (command.action === 'screen-stopped' && command.peerIds === null && !participant.media.screen) continue;
      // An ask to unmute is kept with the controls (moderationEventHandlers), not here.
      const media = afterAction(command.action, participant.media);
      const stopped = stoppedKind(command.action);
      if (stopped) deps.sfu?.setForwarded(entry.meetingId, participant.peerId, stopped, false);
      if (!sameMedia(media, participant.media)) updateParticipant(entry, { ...participant, media });
      const notice: ModerationAction = { action: command.action, by: command.by };
      io.of('/').sockets.get(entry.socketId)?.emit('moderation:action', notice);
      logger.info({ peerId: participant.peerId, action: command.action, by: command.by.peerId }, 'host action');
    }
  }

  function remove(command: Extract<ModerationCommand, { kind: 'remove' }>): void {
    deps.admissionRevoked?.(command.meetingId, command.userId);
    for (const entry of rooms.list(command.meetingId)) {
      if (entry.participant.userId !== command.userId) continue;
      io.of('/')
        .sockets.get(entry.socketId)
        ?.emit('moderation:removed', { ...apiError('REMOVED'), by: command.by });
      deps.leave(entry.socketId, 'removed');
      logger.info({ peerId: entry.participant.peerId, by: command.by.peerId }, 'removed from the meeting');
    }
  }

  function runHere(command: ModerationCommand): void {
    switch (command.kind) {
      case 'controls':
        return refreshRoles(command.meetingId, command.controls);
      case 'act':
        return act(command);
      case 'remove':
        return remove(command);
      default:
        throw missingCaseError(command);
    }
  }

  if (deps.clustered) {
    io.on('moderation', (raw) => {
      const command = commandSchema.safeParse(raw);
      if (command.success) runHere(command.data);
      else logger.warn({ issues: command.error.issues }, 'malformed moderation command from another server');
    });
  }

  function run(command: ModerationCommand): void {
    runHere(command);
    if (deps.clustered) io.serverSideEmit('moderation', command);
  }

  async function present(meetingId: string): Promise<PresentSeat[]> {
    // Several servers: the seat ledger lists them in one Redis request (asking every server instead, one slow to
    // answer would hold the answer up for the adapter's 5 s and then fail it).
    if (deps.ledger) return (await deps.ledger.readySeats(meetingId)).map(toPresentSeat);
    const sockets = await io.in(meetingRoom(meetingId)).fetchSockets();
    return sockets.flatMap(({ data }) =>
      data.membership?.meetingId === meetingId
        ? [
            {
              peerId: data.membership.peerId,
              userId: data.user.id,
              displayName: data.user.displayName,
              joinedAt: data.membership.joinedAt,
            },
          ]
        : [],
    );
  }

  function controlsChanged(controls: LoadedControls): MeetingControls {
    const dto = toControlsDto(controls);
    io.to(meetingRoom(controls.meetingId)).emit('moderation:state', dto);
    run({ kind: 'controls', meetingId: controls.meetingId, controls: dto });
    return dto;
  }

  /** The host's last seat left: hosting passes to a co-host, else the longest present (decided on the current state). */
  async function passHostingOn(membership: Membership, userId: string): Promise<void> {
    if (deps.isStopping()) return;
    const meeting = await deps.controls.meetingOf(membership.code);
    if (!meeting || meeting.endedAt !== null) return;
    if (hostUserId(await deps.controls.load(meeting)) !== userId) return;
    const others = await present(membership.meetingId);
    if (others.some((seat) => seat.userId === userId)) return;
    const { controls, changed } = await deps.controls.change(meeting, (current) => {
      // Decided again on the current state: another server may have passed hosting on already.
      if (hostUserId(current) !== userId) return current.state;
      const successor = pickSuccessor(others, current.state.coHostIds);
      if (successor === null) return current.state;
      return { ...current.state, actingHostId: successor === current.ownerId ? null : successor };
    });
    if (!changed) return;
    logger.info({ meeting: membership.code, from: userId, to: hostUserId(controls) }, 'hosting passed on');
    controlsChanged(controls);
  }

  return {
    run,
    controlsChanged,
    present,
    async seatLeft(membership, userId) {
      // Who is present comes from the database of seats (Redis, with several servers), which may fail for a
      // moment: without a retry the meeting would be left without a host.
      for (let attempt = 1; ; attempt += 1) {
        try {
          return await passHostingOn(membership, userId);
        } catch (error) {
          if (attempt >= SEAT_LEFT_ATTEMPTS || deps.isStopping()) throw error;
          logger.warn({ err: error, attempt }, 'hosting could not be passed on yet; trying again');
          await sleep(SEAT_LEFT_RETRY_MS);
        }
      }
    },
  };
}

/** A seat's media after a host's action. Hosts only ever turn things off. */
function afterAction(action: ModerationAction['action'], media: MediaState): MediaState {
  switch (action) {
    case 'muted':
      return { ...media, audio: false };
    case 'video-stopped':
      return { ...media, video: false };
    case 'screen-stopped':
      return { ...media, screen: false };
    case 'unmute-asked':
      return media;
    default:
      throw missingCaseError(action);
  }
}

/** What Janus stops forwarding for a host's action (an ask to unmute stops nothing). */
function stoppedKind(action: ModerationAction['action']): ForwardedKind | null {
  switch (action) {
    case 'muted':
      return 'audio';
    case 'video-stopped':
      return 'camera';
    case 'screen-stopped':
      return 'screen';
    case 'unmute-asked':
      return null;
    default:
      throw missingCaseError(action);
  }
}

function sameMedia(a: MediaState, b: MediaState): boolean {
  return a.audio === b.audio && a.video === b.video && a.screen === b.screen;
}

function toPresentSeat({ peerId, userId, displayName, joinedAt }: Participant): PresentSeat {
  return { peerId, userId, displayName, joinedAt };
}

import { missingCaseError } from '@wava/protocol';
import type { MediaState, Meeting, Participant } from '@wava/protocol';
import type { StreamKind } from './streamKind.js';
import type { MediaFailure } from './mediaFailure.js';
import type { CallProblem } from './callProblem.js';

/** How the media connection to one remote participant is doing, as their tile shows it. */
export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'failed';

/** The link to our own server (socket + PeerJS signaling); media keeps flowing without it. */
export type SignalingState = 'connecting' | 'connected' | 'reconnecting';

/** `signed-out`: our sign-in was revoked while in the meeting; the person must sign in again. */
export type CallPhase = 'idle' | 'joining' | 'in-meeting' | 'left' | 'ended' | 'failed' | 'signed-out';

export interface RemoteTile {
  peerId: string;
  userId: string;
  displayName: string;
  /** Joined without an account. */
  guest: boolean;
  joinedAt: string;
  media: MediaState;
  connection: ConnectionState;
  /** A sentence when media cannot connect to this participant. */
  mediaFailure: MediaFailure | null;
  /** Ids of the MediaStreams the call core holds for this participant (streams never enter this state). */
  cameraStreamId: string | null;
  screenStreamId: string | null;
}

export interface LocalState {
  audio: boolean;
  video: boolean;
  screen: boolean;
}

export interface CallState {
  phase: CallPhase;
  meeting: Meeting | null;
  self: Participant | null;
  local: LocalState;
  remotes: readonly RemoteTile[];
  signaling: SignalingState;
  /** What the meeting-error area says, or why the meeting ended or failed; its sentence is written at render. */
  error: CallProblem | null;
  /** Who started presenting and so stopped our screen share (one share at a time); cleared when we share again. */
  shareReplacedBy: string | null;
}

export type CallAction =
  | { type: 'join-started'; local: LocalState }
  | { type: 'joined'; meeting: Meeting; self: Participant; participants: readonly Participant[] }
  | { type: 'resumed'; self: Participant; participants: readonly Participant[]; keep: readonly string[] }
  | { type: 'participant-joined'; participant: Participant }
  | { type: 'participant-updated'; participant: Participant }
  | { type: 'participant-left'; peerId: string }
  | { type: 'connection-changed'; peerId: string; connection: ConnectionState; mediaFailure: MediaFailure | null }
  | { type: 'stream-changed'; peerId: string; kind: StreamKind; streamId: string | null }
  /** Every call was dropped to be placed again (a new Peer): each tile is connecting, without streams. */
  | { type: 'calls-restarted' }
  | { type: 'local-changed'; local: Partial<LocalState> }
  | { type: 'share-replaced'; by: string }
  | { type: 'signaling-changed'; signaling: SignalingState }
  | { type: 'error'; problem: CallProblem | null }
  | { type: 'left' }
  | { type: 'ended'; problem: CallProblem }
  | { type: 'failed'; problem: CallProblem }
  | { type: 'signed-out'; problem: CallProblem };

export const INITIAL_CALL_STATE: CallState = Object.freeze({
  phase: 'idle',
  meeting: null,
  self: null,
  local: Object.freeze({ audio: true, video: true, screen: false }),
  remotes: Object.freeze([]) as readonly RemoteTile[],
  signaling: 'connecting',
  error: null,
  shareReplacedBy: null,
}) as CallState;

export function callReducer(state: CallState, action: CallAction): CallState {
  switch (action.type) {
    case 'join-started':
      return { ...INITIAL_CALL_STATE, phase: 'joining', local: action.local };
    case 'joined':
      return {
        ...state,
        phase: 'in-meeting',
        meeting: action.meeting,
        self: action.self,
        remotes: sortTiles(action.participants.filter((p) => p.peerId !== action.self.peerId).map(newTile)),
        signaling: 'connected',
        error: null,
      };
    case 'resumed': {
      const listed = new Map(action.participants.map((p) => [p.peerId, p]));
      const keep = new Set(action.keep);
      const remotes = state.remotes
        .filter((tile) => listed.has(tile.peerId) || keep.has(tile.peerId))
        .map((tile) => {
          const participant = listed.get(tile.peerId);
          return participant ? withParticipant(tile, participant) : tile;
        });
      const known = new Set(remotes.map((tile) => tile.peerId));
      for (const participant of action.participants) {
        if (!known.has(participant.peerId) && participant.peerId !== action.self.peerId)
          remotes.push(newTile(participant));
      }
      return { ...state, self: action.self, remotes: sortTiles(remotes) };
    }
    case 'participant-joined': {
      if (state.self?.peerId === action.participant.peerId) return state;
      const existing = state.remotes.find((tile) => tile.peerId === action.participant.peerId);
      if (existing)
        return updateTile(state, action.participant.peerId, (tile) => withParticipant(tile, action.participant));
      return { ...state, remotes: sortTiles([...state.remotes, newTile(action.participant)]) };
    }
    case 'participant-updated':
      if (state.self?.peerId === action.participant.peerId) return { ...state, self: action.participant };
      return updateTile(state, action.participant.peerId, (tile) => withParticipant(tile, action.participant));
    case 'participant-left': {
      const remotes = state.remotes.filter((tile) => tile.peerId !== action.peerId);
      return remotes.length === state.remotes.length ? state : { ...state, remotes };
    }
    case 'connection-changed':
      return updateTile(state, action.peerId, (tile) =>
        tile.connection === action.connection && tile.mediaFailure === action.mediaFailure
          ? tile
          : { ...tile, connection: action.connection, mediaFailure: action.mediaFailure },
      );
    case 'stream-changed':
      return updateTile(state, action.peerId, (tile) => {
        const field = action.kind === 'camera' ? 'cameraStreamId' : 'screenStreamId';
        return tile[field] === action.streamId ? tile : { ...tile, [field]: action.streamId };
      });
    case 'calls-restarted':
      return state.remotes.length === 0
        ? state
        : { ...state, remotes: state.remotes.map((tile) => ({ ...tile, ...NO_CALL_YET })) };
    case 'local-changed':
      return {
        ...state,
        local: { ...state.local, ...action.local },
        shareReplacedBy: action.local.screen ? null : state.shareReplacedBy,
      };
    case 'share-replaced':
      return { ...state, shareReplacedBy: action.by };
    case 'signaling-changed':
      return state.signaling === action.signaling ? state : { ...state, signaling: action.signaling };
    case 'error':
      return sameProblem(state.error, action.problem) ? state : { ...state, error: action.problem };
    case 'left':
    case 'ended':
    case 'failed':
    case 'signed-out':
      // Over: nobody is shown and nothing is shared; the reason, if the person is told one.
      return {
        ...state,
        phase: action.type,
        remotes: [],
        local: { ...state.local, screen: false },
        error: action.type === 'left' ? state.error : action.problem,
      };
    default:
      throw missingCaseError(action);
  }
}

/** The same problem (a repeated refusal changes nothing, so nobody is told twice). */
function sameProblem(a: CallProblem | null, b: CallProblem | null): boolean {
  if (a === null || b === null) return a === b;
  return JSON.stringify(a) === JSON.stringify(b);
}

/** A tile's call state before its call connects (a new tile, or every tile when all calls are placed again). */
const NO_CALL_YET = {
  connection: 'connecting',
  mediaFailure: null,
  cameraStreamId: null,
  screenStreamId: null,
} as const satisfies Partial<RemoteTile>;

function newTile(participant: Participant): RemoteTile {
  return withParticipant({ peerId: participant.peerId, ...NO_CALL_YET }, participant);
}

/** Who the participant is, as the server says, on a tile whose call state is kept. */
function withParticipant(
  tile: Omit<RemoteTile, 'userId' | 'displayName' | 'guest' | 'joinedAt' | 'media'>,
  participant: Participant,
): RemoteTile {
  return {
    ...tile,
    userId: participant.userId,
    displayName: participant.displayName,
    guest: participant.guest === true,
    joinedAt: participant.joinedAt,
    media: participant.media,
  };
}

function updateTile(state: CallState, peerId: string, update: (tile: RemoteTile) => RemoteTile): CallState {
  let changed = false;
  const remotes = state.remotes.map((tile) => {
    if (tile.peerId !== peerId) return tile;
    const next = update(tile);
    if (next !== tile) changed = true;
    return next;
  });
  return changed ? { ...state, remotes } : state;
}

/** Tiles in the order people joined; the peer id breaks ties so every client shows the same order. */
function sortTiles(tiles: RemoteTile[]): RemoteTile[] {
  return tiles.sort((a, b) => a.joinedAt.localeCompare(b.joinedAt) || a.peerId.localeCompare(b.peerId));
}

import { SFU_PATH, type MeetingMode } from '@wava/protocol';
import type { Config } from '../config/Config.js';
import type { LiveParticipant } from '../meetings/createRoomRegistry.js';
import type { JanusInstance } from './createJanusInstance.js';
import type { SfuMeetingState } from './SfuMeetingState.js';

/** What each seat is told of its meeting's mode (`meeting:mode`), and the size limit joins are checked against. */
export interface SfuModes {
  /** The seat's mode as this server has it: SFU credentials when it holds a token in the meeting's room. */
  modeOf(state: SfuMeetingState, peerId: string): MeetingMode;
  /** The mesh limit, or the SFU's while the meeting is there or could move there. */
  limit(state: SfuMeetingState | undefined): number;
  /** The seat hears its mode. */
  tell(meetingId: string, state: SfuMeetingState, peerId: string): void;
  /** Every ready seat of the meeting on this server hears its mode. */
  tellEveryone(meetingId: string, state: SfuMeetingState): void;
}

export function createSfuModes(deps: {
  config: Config;
  instances: readonly JanusInstance[];
  instanceAt(url: string | null): JanusInstance | null;
  /** The meeting's ready seats on this server. */
  ready(meetingId: string): LiveParticipant[];
  /** Delivers a mode to a seat (the controller's `onMode` listeners). */
  emit(meetingId: string, peerId: string, mode: MeetingMode): void;
  /** This server's clock. */
  now: () => number;
}): SfuModes {
  const { config, instances, instanceAt, now } = deps;
  const settings = config.sfu;
  const proxyBase = config.publicUrl.replace(/^http/, 'ws');

  function modeOf(state: SfuMeetingState, peerId: string): MeetingMode {
    const token = state.tokens.get(peerId);
    const { placement } = state;
    const instance = instanceAt(placement.instance);
    if (!settings || placement.mode === 'mesh' || !token || !instance || !placement.room) {
      return { mode: 'mesh', maxParticipants: limit(state), ...graceOf(state, peerId) };
    }
    const publicUrl = instance.endpoint.publicUrl;
    return {
      mode: 'sfu',
      url: publicUrl ?? `${proxyBase}${SFU_PATH}?token=${encodeURIComponent(token)}`,
      room: placement.room,
      token,
      publisherId: peerId,
      generation: placement.generation,
      lastN: settings.lastN,
      maxParticipants: settings.maxParticipants,
    };
  }

  /** The time left of the seat's SFU credentials in a room the meeting just left (make before break). */
  function graceOf(state: SfuMeetingState, peerId: string): { sfuGraceMs?: number } {
    let until = 0;
    for (const retiring of state.retiring.values()) {
      if (retiring.tokens.has(peerId)) until = Math.max(until, retiring.until);
    }
    const left = until - now();
    return left > 0 ? { sfuGraceMs: left } : {};
  }

  function limit(state: SfuMeetingState | undefined): number {
    if (!settings) return config.maxParticipants;
    if (state?.placement.mode === 'sfu' || instances.some((instance) => instance.isUp())) {
      return settings.maxParticipants;
    }
    return config.maxParticipants;
  }

  const tell = (meetingId: string, state: SfuMeetingState, peerId: string) =>
    deps.emit(meetingId, peerId, modeOf(state, peerId));

  return {
    modeOf,
    limit,
    tell,
    tellEveryone(meetingId, state) {
      for (const entry of deps.ready(meetingId)) tell(meetingId, state, entry.participant.peerId);
    },
  };
}

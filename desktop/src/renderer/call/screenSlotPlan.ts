import type { ScreenSlot } from '@wava/protocol';

/** The part of a MediaStreamTrack a plan needs. */
export interface PlannedTrack {
  readonly kind: string;
  clone(): PlannedTrack;
  stop(): void;
}

/** What a camera call offers or answers with, so that it carries a screen slot too. */
export interface ScreenSlotPlan<T extends PlannedTrack = MediaStreamTrack> {
  /** The tracks to hand PeerJS, in the order it adds them (the order of `MediaStream.getTracks()`). */
  tracks: T[];
  /** Where the spare tracks sit among the call's media sections: the `screenSlot` a caller announces. */
  slot: ScreenSlot;
  /** Stand-ins that only reserve the slot's senders: replaced with no track once the call holds them. */
  spare: { video: T; audio: T | null };
}

/**
 * The slot is one spare video sender (and one spare audio sender, for a screen's sound) negotiated with the camera
 * call. PeerJS adds a stream's tracks with `addTrack` in `getTracks()` order, audio first, each on a transceiver
 * of its own, so the n-th track is the call's n-th media section: microphone, screen sound, camera, screen.
 * The spares are clones of the camera and microphone (any live track of the kind would do); null without a
 * camera track. `audio: false` leaves the sound out (the caller offered none).
 */
export function planScreenSlot<T extends PlannedTrack>(
  local: { getAudioTracks(): T[]; getVideoTracks(): T[] },
  options: { audio: boolean },
): ScreenSlotPlan<T> | null {
  const camera = local.getVideoTracks()[0];
  if (!camera) return null;
  const microphone = local.getAudioTracks()[0] ?? null;
  const video = camera.clone() as T;
  const audio = options.audio && microphone ? (microphone.clone() as T) : null;
  const audioTracks = [microphone, audio].filter((track): track is T => track !== null);
  const tracks = [...audioTracks, camera, video];
  const slot: ScreenSlot = { video: tracks.indexOf(video) };
  if (audio) slot.audio = tracks.indexOf(audio);
  return { tracks, slot, spare: { video, audio } };
}

/** The `a=mid` of each media section of an SDP, in order (null for a section without one). */
export function mediaSectionMids(sdp: string): (string | null)[] {
  const mids: (string | null)[] = [];
  for (const line of sdp.split(/\r?\n/)) {
    if (line.startsWith('m=')) mids.push(null);
    else if (line.startsWith('a=mid:') && mids.length > 0) mids[mids.length - 1] = line.slice('a=mid:'.length).trim();
  }
  return mids;
}

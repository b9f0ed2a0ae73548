/** The two media connections a pair of participants can have: camera+microphone, and a screen share. */
export type StreamKind = 'camera' | 'screen';

/** Metadata on a PeerJS call that carries a screen share. Camera calls carry `{ kind: 'camera' }`. */
export interface CallMetadata {
  kind: StreamKind;
}

export function callKindOf(metadata: unknown): StreamKind {
  return typeof metadata === 'object' && metadata !== null && (metadata as { kind?: unknown }).kind === 'screen'
    ? 'screen'
    : 'camera';
}

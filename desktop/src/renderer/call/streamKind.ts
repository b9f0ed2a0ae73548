import { callKindSchema, screenSlotSchema, type CallMetadata, type ScreenSlot } from '@wava/protocol';

/** The two media connections a pair of participants can have: camera+microphone, and a screen share. */
export type StreamKind = 'camera' | 'screen';

export type { CallMetadata };

/** What a call from another client carries; anything unreadable is a camera call (the older clients' default). */
export function callKindOf(metadata: unknown): StreamKind {
  const kind = callKindSchema.safeParse(fieldOf(metadata, 'kind'));
  return kind.success ? kind.data : 'camera';
}

/** The screen slot a camera call offers (protocol's `screenSlot`), or null: none, or not one we can read. */
export function screenSlotOf(metadata: unknown): ScreenSlot | null {
  if (callKindOf(metadata) !== 'camera') return null;
  const slot = screenSlotSchema.safeParse(fieldOf(metadata, 'screenSlot'));
  return slot.success ? slot.data : null;
}

function fieldOf(metadata: unknown, key: string): unknown {
  return typeof metadata === 'object' && metadata !== null ? (metadata as Record<string, unknown>)[key] : undefined;
}

import { missingCaseError } from '@wava/protocol';

/** What the person chose in the control bar. */
export type LayoutMode = 'gallery' | 'speaker';

export const LAYOUT_MODES: readonly LayoutMode[] = ['gallery', 'speaker'];

/** What the stage shows now. */
export type StageLayout =
  /** Everyone's tile, all equal. */
  | { kind: 'gallery' }
  /** One person large (pinned, or the active speaker in speaker view), everyone else in a strip. */
  | { kind: 'focus'; large: string; pinned: boolean }
  /** A shared screen large, everyone in a strip. */
  | { kind: 'screen' };

export interface StageInput {
  mode: LayoutMode;
  /** Everyone's peer id, ourselves first. */
  people: readonly string[];
  selfId: string | null;
  pinned: string | null;
  /** Someone (perhaps we) shares a screen. */
  presenting: boolean;
  /** The active speaker (features/stage/activeSpeaker). */
  active: string | null;
  /** Who was large in speaker view before, so silence or our own voice does not move the view. */
  previousLarge: string | null;
}

/**
 * The stage's layout: a shared screen takes the large area; otherwise a pinned person does; otherwise speaker view
 * shows the active speaker large (never ourselves: we see the others, as in every meeting app; when we speak the
 * person shown before stays) and gallery shows everyone equal. Alone in the meeting, we fill the stage.
 */
export function chooseLayout(input: StageInput): StageLayout {
  const present = (peerId: string | null): peerId is string => peerId !== null && input.people.includes(peerId);
  if (input.presenting) return { kind: 'screen' };
  if (present(input.pinned)) return { kind: 'focus', large: input.pinned, pinned: true };
  switch (input.mode) {
    case 'gallery':
      return { kind: 'gallery' };
    case 'speaker': {
      const first = input.people.find((peerId) => peerId !== input.selfId);
      if (first === undefined) return { kind: 'gallery' };
      const other = (peerId: string | null): peerId is string => present(peerId) && peerId !== input.selfId;
      const large = other(input.active) ? input.active : other(input.previousLarge) ? input.previousLarge : first;
      return { kind: 'focus', large, pinned: false };
    }
    default:
      throw missingCaseError(input.mode);
  }
}

/**
 * Whether the layout may show the active speaker large (speaker view, no screen shared, nobody present pinned):
 * otherwise who speaks never moves a tile, and the stage need not re-render when the active speaker changes.
 */
export function followsActiveSpeaker(input: Pick<StageInput, 'mode' | 'people' | 'pinned' | 'presenting'>): boolean {
  const pinnedPresent = input.pinned !== null && input.people.includes(input.pinned);
  return input.mode === 'speaker' && !input.presenting && !pinnedPresent;
}

/** Who is in the strip beside the large area, in order: the pinned person first while a screen is shown. */
export function stripOrder(layout: StageLayout, people: readonly string[], pinned: string | null): string[] {
  switch (layout.kind) {
    case 'gallery':
      return [];
    case 'focus':
      return people.filter((peerId) => peerId !== layout.large);
    case 'screen':
      return pinned !== null && people.includes(pinned)
        ? [pinned, ...people.filter((peerId) => peerId !== pinned)]
        : [...people];
    default:
      throw missingCaseError(layout);
  }
}

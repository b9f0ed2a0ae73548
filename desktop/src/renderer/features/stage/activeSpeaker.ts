/** Who is large in speaker view and highlighted: the active speaker, and who may take over from them. */
export interface ActiveSpeakerState {
  active: string | null;
  /** Someone else speaking while the active speaker is silent, and for how many readings in a row. */
  challenger: string | null;
  readings: number;
}

/** Someone else takes over after speaking for this many readings in a row (1 s) while the active speaker is silent. */
export const TAKE_OVER_READINGS = 10;

export const NO_ACTIVE_SPEAKER: ActiveSpeakerState = { active: null, challenger: null, readings: 0 };

/** One person speaking at one reading, with how loud they have been lately (more loud readings, more speech). */
export interface Speaker {
  peerId: string;
  loud: number;
}

/**
 * The next active speaker after one reading (ten a second), with hysteresis so the highlight does not flicker:
 * the active speaker keeps it while speaking, and after they stop, until someone else has spoken for a second
 * (a cough or a short "yes" takes nothing). When nobody speaks the last speaker stays. Someone who left loses it.
 */
export function nextActiveSpeaker(
  state: ActiveSpeakerState,
  speaking: readonly Speaker[],
  present: ReadonlySet<string>,
): ActiveSpeakerState {
  const active = state.active !== null && present.has(state.active) ? state.active : null;
  if (active !== null && speaking.some((speaker) => speaker.peerId === active)) {
    return { active, challenger: null, readings: 0 };
  }
  const loudest = speaking.reduce<Speaker | null>((best, next) => (best && best.loud >= next.loud ? best : next), null);
  if (loudest === null) return { active, challenger: null, readings: 0 };
  if (active === null) return { active: loudest.peerId, challenger: null, readings: 0 };
  const readings = loudest.peerId === state.challenger ? state.readings + 1 : 1;
  return readings >= TAKE_OVER_READINGS
    ? { active: loudest.peerId, challenger: null, readings: 0 }
    : { active, challenger: loudest.peerId, readings };
}

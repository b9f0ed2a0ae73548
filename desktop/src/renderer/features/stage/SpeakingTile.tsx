import { ParticipantTile, type ParticipantTileProps } from '../meeting/ParticipantTile.js';
import type { SpeakingSource } from './speakingMonitor.js';
import { usePersonSpeaking } from './usePersonSpeaking.js';

export type SpeakingTileProps = Omit<ParticipantTileProps, 'speaking' | 'activeSpeaker'> & { speech: SpeakingSource };

/**
 * A participant's tile that follows whether its person speaks (the ring, the mark, the name for screen readers)
 * itself, so a speaking change re-renders this tile only, not the stage and everyone else's tile.
 */
export function SpeakingTile({ speech, ...tile }: SpeakingTileProps) {
  const { speaking, active } = usePersonSpeaking(speech, tile.peerId);
  return <ParticipantTile {...tile} speaking={speaking} activeSpeaker={active} />;
}

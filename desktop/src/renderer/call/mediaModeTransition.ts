import type { MeetingMode } from '@wava/protocol';

/**
 * What a `meeting:mode` (or a `sfu:credentials` answer) asks of a client whose media is in `current`:
 * - `stay`: nothing changes;
 * - `to-sfu`: publish and subscribe in the SFU, keeping each mesh call until that person's SFU media flows;
 * - `sfu-again`: the meeting moved (another Janus instance, another room) or got new credentials: leave the old
 *   Janus session and publish and subscribe again;
 * - `to-mesh`: call everyone over PeerJS again and leave Janus: at once, or (with `sfuGraceMs`) once each tile
 *   the SFU carried shows its mesh call.
 */
export type ModeTransition = 'stay' | 'to-sfu' | 'sfu-again' | 'to-mesh';

export function modeTransition(current: MeetingMode, next: MeetingMode): ModeTransition {
  if (next.mode === 'mesh') return current.mode === 'mesh' ? 'stay' : 'to-mesh';
  if (current.mode === 'mesh') return 'to-sfu';
  const same =
    current.generation === next.generation &&
    current.url === next.url &&
    current.room === next.room &&
    current.token === next.token;
  return same ? 'stay' : 'sfu-again';
}

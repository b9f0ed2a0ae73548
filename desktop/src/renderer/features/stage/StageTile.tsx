import { memo, useCallback, type ReactNode } from 'react';
import { LiveQuality } from './LiveQuality.js';
import type { QualityMonitor } from './qualityMonitor.js';
import { SpeakingTile, type SpeakingTileProps } from './SpeakingTile.js';
import { PinButton, TileCorner } from './TileCorner.js';

export interface StageTileProps extends Omit<SpeakingTileProps, 'overlay' | 'actions' | 'onWidth'> {
  /** The hand and reactions over a person's tile (features/room). */
  overlay(peerId: string): ReactNode;
  /** This person is pinned to the large area. */
  pinned: boolean;
  /** Pins someone (or nobody, with null): the stage's choice. */
  pin(peerId: string | null): void;
  /** Whom the pin button names. */
  pinName: string;
  /** The connection quality of a remote person, shown on their tile while connected; null for ourselves. */
  quality: Pick<QualityMonitor, 'subscribe' | 'getSnapshot'> | null;
  /** Told a remote tile's width when it changes (a large meeting receives the camera at the size it is shown). */
  reportWidth?: (peerId: string, width: number) => void;
}

/**
 * One person's tile on the stage, with what the stage adds to it (the pin button, the connection quality, the room's
 * overlay). Memoised: its props are the person's own data and functions that keep their identity, so a change of the
 * call that is not this person's (our share starting, someone else muting) does not render it again. (The room's
 * `overlay` is one function for every tile, made again when a hand or a reaction changes: then every tile renders.)
 * The elements it hands the tile are made here, when it renders, not by the stage at each of its renders.
 */
export const StageTile = memo(function StageTile({
  overlay,
  pinned,
  pin,
  pinName,
  quality,
  reportWidth,
  ...tile
}: StageTileProps) {
  const { peerId } = tile;
  const onWidth = useCallback((width: number) => reportWidth?.(peerId, width), [reportWidth, peerId]);
  return (
    <SpeakingTile
      {...tile}
      overlay={overlay(peerId)}
      onWidth={reportWidth ? onWidth : undefined}
      actions={
        <TileCorner>
          {quality && tile.connection === 'connected' ? (
            <LiveQuality monitor={quality} peerId={peerId} on="tile" />
          ) : null}
          <PinButton name={pinName} pinned={pinned} onPin={(on) => pin(on ? peerId : null)} />
        </TileCorner>
      }
    />
  );
});

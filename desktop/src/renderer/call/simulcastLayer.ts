import { SFU_CAMERA_SIZE } from './acquireTrack.js';

/** A VideoRoom simulcast substream: 0 the smallest (a quarter of the camera's width), 2 the full one. */
export type Substream = 0 | 1 | 2;

/** The width in pixels each layer of our own simulcast has, for a camera `cameraWidth` wide (sfuPublisher's layers). */
export function layerWidths(cameraWidth: number): readonly [number, number, number] {
  return [cameraWidth / 4, cameraWidth / 2, cameraWidth];
}

/** How much a received picture may be enlarged to fill its tile (moving video hides this much). */
export const MAX_UPSCALE = 1.5;

/**
 * The layer a tile `tileWidth` CSS pixels wide needs on a `pixelRatio` screen: the smallest one that fills the
 * tile's device pixels enlarged at most MAX_UPSCALE times (a strip tile gets the low layer, the large area the
 * full one). An unknown width (0) asks for the full layer.
 */
export function substreamForTile(tileWidth: number, pixelRatio = 1, cameraWidth = SFU_CAMERA_SIZE.width): Substream {
  const needed = (tileWidth * pixelRatio) / MAX_UPSCALE;
  if (!(needed > 0)) return 2;
  const widths = layerWidths(cameraWidth);
  if (needed <= widths[0]) return 0;
  if (needed <= widths[1]) return 1;
  return 2;
}

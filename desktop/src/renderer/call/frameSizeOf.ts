import type { FrameSize } from './placeholderTracks.js';

/** The size a video track delivers, when the browser says (null before it knows, or for no track). */
export function frameSizeOf(track: MediaStreamTrack | null): FrameSize | null {
  const { width, height } = track?.getSettings() ?? {};
  return width && height ? { width, height } : null;
}

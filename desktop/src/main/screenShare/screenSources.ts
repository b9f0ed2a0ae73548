import { imageDataUrlSchema, type ScreenSource } from '../../shared/ipcSchemas.js';

/** The part of Electron's NativeImage used for thumbnails and app icons. */
export interface NativeImageLike {
  isEmpty(): boolean;
  toDataURL(): string;
  toJPEG(quality: number): Buffer;
}

/** The part of Electron's DesktopCapturerSource the picker uses. */
export interface CapturerSourceLike {
  id: string;
  name: string;
  thumbnail: NativeImageLike;
  appIcon: NativeImageLike | null;
}

export const THUMBNAIL_SIZE = { width: 320, height: 180 } as const;

/**
 * Turns desktopCapturer sources into what the picker shows: screens first, then windows; our own windows left
 * out (the sharing bar); thumbnails as JPEG data URLs, icons as PNG; anything odd-looking dropped, not forwarded.
 */
export function toPickerSources(
  sources: readonly CapturerSourceLike[],
  excludeIds: ReadonlySet<string>,
): ScreenSource[] {
  const screens: ScreenSource[] = [];
  const windows: ScreenSource[] = [];
  for (const source of sources) {
    if (excludeIds.has(source.id)) continue;
    const kind = source.id.startsWith('screen:') ? 'screen' : source.id.startsWith('window:') ? 'window' : null;
    if (!kind || source.id.length > 256) continue;
    const list = kind === 'screen' ? screens : windows;
    const fallbackName = kind === 'screen' ? `Screen ${screens.length + 1}` : 'Untitled window';
    list.push({
      id: source.id,
      kind,
      name: source.name.trim().slice(0, 512) || fallbackName,
      thumbnail: jpegDataUrl(source.thumbnail),
      appIcon: source.appIcon ? pngDataUrl(source.appIcon) : null,
    });
  }
  return [...screens, ...windows];
}

function jpegDataUrl(image: NativeImageLike): string | null {
  if (image.isEmpty()) return null;
  return valid(`data:image/jpeg;base64,${image.toJPEG(70).toString('base64')}`);
}

function pngDataUrl(image: NativeImageLike): string | null {
  if (image.isEmpty()) return null;
  return valid(image.toDataURL());
}

function valid(dataUrl: string): string | null {
  return imageDataUrlSchema.safeParse(dataUrl).success ? dataUrl : null;
}

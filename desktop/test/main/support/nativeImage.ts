import type { CapturerSourceLike, NativeImageLike } from '../../../src/main/screenShare/screenSources.js';

/** A 1x1 PNG and a minimal JPEG, shaped like Electron's NativeImage (which needs Electron to exist). */
const PNG_1X1 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

export function image(empty = false): NativeImageLike {
  return {
    isEmpty: () => empty,
    toDataURL: () => (empty ? 'data:image/png;base64,' : `data:image/png;base64,${PNG_1X1}`),
    toJPEG: () => (empty ? Buffer.alloc(0) : Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0xff, 0xd9])),
  };
}

export function source(
  id: string,
  name: string,
  options: { thumbnail?: boolean; icon?: boolean } = {},
): CapturerSourceLike {
  return {
    id,
    name,
    thumbnail: image(options.thumbnail === false),
    appIcon: options.icon ? image() : null,
  };
}

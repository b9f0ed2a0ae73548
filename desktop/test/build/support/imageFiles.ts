/** Reads just enough of PNG, ICO and ICNS files to check what they contain (no image library needed). */

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export function pngInfo(png: Buffer): { width: number; height: number; colorType: number } {
  if (!png.subarray(0, 8).equals(PNG_SIGNATURE) || png.toString('ascii', 12, 16) !== 'IHDR')
    throw new Error('not a PNG');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20), colorType: png.readUInt8(25) };
}

export function icoEntries(ico: Buffer): Array<{ width: number; png: Buffer }> {
  if (ico.readUInt16LE(0) !== 0 || ico.readUInt16LE(2) !== 1) throw new Error('not an ICO');
  const count = ico.readUInt16LE(4);
  return Array.from({ length: count }, (_, index) => {
    const entry = 6 + index * 16;
    const size = ico.readUInt32LE(entry + 8);
    const offset = ico.readUInt32LE(entry + 12);
    return { width: ico.readUInt8(entry) || 256, png: ico.subarray(offset, offset + size) };
  });
}

export function icnsChunks(icns: Buffer): Array<{ type: string; png: Buffer }> {
  if (icns.toString('ascii', 0, 4) !== 'icns' || icns.readUInt32BE(4) !== icns.length) throw new Error('not an ICNS');
  const chunks: Array<{ type: string; png: Buffer }> = [];
  for (let offset = 8; offset < icns.length; ) {
    const length = icns.readUInt32BE(offset + 4);
    chunks.push({ type: icns.toString('ascii', offset, offset + 4), png: icns.subarray(offset + 8, offset + length) });
    offset += length;
  }
  return chunks;
}

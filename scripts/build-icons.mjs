// Rasterises the Wava logo (assets/logo.svg) and the tray icons in headless Chromium (driven by Playwright, whose
// screenshots honour small viewports and transparency exactly), then writes the
// Windows .ico and macOS .icns containers (both embed PNG data). Run after changing an SVG:
//   node scripts/build-icons.mjs            (needs /usr/bin/chromium, or CHROMIUM=/path/to/chrome)
// The generated files are committed; packaging never runs this.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium as playwrightChromium } from '@playwright/test';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const assets = join(root, 'assets');
const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';

/** One PNG of `svgFile` at `size` x `size` pixels, transparent outside the drawing. */
async function rasterise(page, svgFile, size, outFile) {
  const svg = readFileSync(svgFile, 'utf8').replace(/<svg([^>]*?)\swidth="\d+"\sheight="\d+"/, '<svg$1');
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(
    `<!doctype html><html><head><style>html,body{margin:0;background:transparent;overflow:hidden}` +
      `svg{display:block;width:${size}px;height:${size}px}</style></head><body>${svg}</body></html>`,
  );
  const png = await page.screenshot({
    path: outFile,
    omitBackground: true,
    clip: { x: 0, y: 0, width: size, height: size },
  });
  if (png.readUInt32BE(16) !== size || png.readUInt32BE(20) !== size) throw new Error(`${outFile} is not ${size}px`);
  return png;
}

/** ICO: a directory of PNG images (Windows Vista and later read PNG entries). */
function ico(images) {
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach(({ size, png }, index) => {
    const entry = 6 + 16 * index;
    header.writeUInt8(size >= 256 ? 0 : size, entry);
    header.writeUInt8(size >= 256 ? 0 : size, entry + 1);
    header.writeUInt8(0, entry + 2);
    header.writeUInt8(0, entry + 3);
    header.writeUInt16LE(1, entry + 4);
    header.writeUInt16LE(32, entry + 6);
    header.writeUInt32LE(png.length, entry + 8);
    header.writeUInt32LE(offset, entry + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...images.map(({ png }) => png)]);
}

/** ICNS: typed chunks of PNG data; each OSType names a pixel size (and @2x variants). */
const ICNS_TYPES = [
  ['icp4', 16],
  ['icp5', 32],
  ['icp6', 64],
  ['ic07', 128],
  ['ic08', 256],
  ['ic09', 512],
  ['ic10', 1024],
  ['ic11', 32],
  ['ic12', 64],
  ['ic13', 256],
  ['ic14', 512],
];
function icns(pngBySize) {
  const chunks = ICNS_TYPES.map(([type, size]) => {
    const png = pngBySize.get(size);
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([head, png]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(8 + chunks.reduce((sum, chunk) => sum + chunk.length, 0), 4);
  return Buffer.concat([head, ...chunks]);
}

const browser = await playwrightChromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu'] });
try {
  const page = await browser.newPage({ deviceScaleFactor: 1 });
  const logo = join(assets, 'logo.svg');
  const pngDir = join(assets, 'icons', 'png');
  mkdirSync(pngDir, { recursive: true });
  const pngBySize = new Map();
  for (const size of [16, 24, 32, 48, 64, 128, 256, 512, 1024]) {
    pngBySize.set(size, await rasterise(page, logo, size, join(pngDir, `${size}x${size}.png`)));
  }
  writeFileSync(join(assets, 'icons', 'icon.png'), pngBySize.get(1024));
  writeFileSync(
    join(assets, 'icons', 'icon.ico'),
    ico([16, 24, 32, 48, 64, 128, 256].map((size) => ({ size, png: pngBySize.get(size) }))),
  );
  writeFileSync(join(assets, 'icons', 'icon.icns'), icns(pngBySize));

  const tray = join(assets, 'tray');
  await rasterise(page, join(tray, 'tray.svg'), 32, join(tray, 'tray.png'));
  await rasterise(page, join(tray, 'tray-meeting.svg'), 32, join(tray, 'tray-meeting.png'));
  await rasterise(page, join(tray, 'trayTemplate.svg'), 16, join(tray, 'trayTemplate.png'));
  await rasterise(page, join(tray, 'trayTemplate.svg'), 32, join(tray, 'trayTemplate@2x.png'));
  writeFileSync(join(tray, 'icon.png'), pngBySize.get(256));
  console.log('Icons written to assets/icons and assets/tray.');
} finally {
  await browser.close();
}

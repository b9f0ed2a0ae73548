// Builds Wava's installers with electron-builder (config: electron-builder.yml), after `npm run build -w desktop`.
//   node scripts/package-desktop.mjs                 installers for this OS (see electron-builder.yml for targets)
//   node scripts/package-desktop.mjs --win nsis msi  any electron-builder arguments are passed on
// Update feed: set WAVA_UPDATE_FEED_URL to the https folder you upload the installers and latest*.yml to; the
// build then updates itself from there. Without it the build does not update itself (policy updateFeedUrl can
// still give it a feed). Signing and notarization come from the environment variables listed in desktop/README.md.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = ['electron-builder', '--config', 'electron-builder.yml', '--publish', 'never', ...process.argv.slice(2)];

if (!existsSync(join(root, 'desktop/out/main/index.js'))) {
  console.error('desktop/out is missing: run `npm run build -w desktop` first.');
  process.exit(1);
}

const feed = process.env.WAVA_UPDATE_FEED_URL?.trim();
if (feed) {
  let url;
  try {
    url = new URL(feed);
  } catch {
    url = null;
  }
  if (!url || url.protocol !== 'https:' || url.username || url.password) {
    console.error(
      'WAVA_UPDATE_FEED_URL must be an https address without credentials, e.g. https://updates.example.com/wava',
    );
    process.exit(1);
  }
  args.push('-c.publish.provider=generic', `-c.publish.url=${url.toString()}`);
  console.log(`Update feed: ${url}`);
} else {
  console.log('No WAVA_UPDATE_FEED_URL: this build will not update itself (IT policy updateFeedUrl can set a feed).');
}

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const result = spawnSync(npx, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
process.exit(result.status ?? 1);

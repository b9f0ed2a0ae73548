// `npm start`: sets up and runs Wava on this machine.
// Installs npm packages if needed, builds, starts the signaling server on its embedded database, then opens the
// desktop app where Electron can run, and otherwise prints the web client's URL.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';

import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** Runs npm quietly: its output is shown only when it fails. */
function runQuietly(args) {
  const result = spawnSync(npm, args, {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    shell: process.platform === 'win32', // npm.cmd runs only through a shell
  });
  if (result.status === 0) return;
  process.stderr.write(`${result.stdout ?? ''}${result.stderr ?? ''}\n\`npm ${args.join(' ')}\` failed.\n`);
  process.exit(result.status ?? 1);
}

const lock = join(root, 'package-lock.json');
const installed = join(root, 'node_modules/.package-lock.json');
if (!existsSync(installed) || statSync(lock).mtimeMs > statSync(installed).mtimeMs) {
  console.log('Installing npm packages (a minute or two the first time)…');
  if (!nodeAtLeast(22, 12)) {
    console.log(
      `  Node ${process.versions.node}: Electron's download and packaging tools ask for Node 22.12 or newer. They are not\n` +
        "  needed to run the server or the web client, nor to build the desktop app, so npm's engine warnings are hidden.\n" +
        '  Use Node 22.12+ to open the desktop app from here or to package it (see README, "Requirements").',
    );
  }
  runQuietly(['ci', '--no-audit', '--no-fund', '--loglevel=error']);
}
console.log('Building the app and the server…');
runQuietly(['run', 'build', '--silent']);

const port = process.env.WAVA_PORT ?? '8080';
const url = process.env.WAVA_PUBLIC_URL ?? `http://localhost:${port}`;
const server = spawn(process.execPath, [join(root, 'signaling-server/dist/main.js')], {
  cwd: root,
  stdio: 'inherit',
  // Short readable logs, warnings and errors only: the server prints its own status (address, data, how to stop).
  env: {
    WAVA_DATA_DIR: join(root, '.data'),
    WAVA_LOG_FORMAT: 'pretty',
    WAVA_LOG_LEVEL: 'warn',
    ...process.env,
    WAVA_PORT: port,
    WAVA_PUBLIC_URL: url,
  },
});
server.on('exit', (code) => process.exit(code ?? 1));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));

await waitForHealth(`http://127.0.0.1:${port}/healthz`);
const electron = electronBinary();
if (electron.path) {
  console.log(`Opening the Wava desktop app against ${url}`);
  const app = spawn(electron.path, [join(root, 'desktop'), `--server-url=${url}`], { stdio: 'inherit' });
  app.on('exit', () => console.log(`The desktop app closed. The server keeps running at ${url} (Ctrl+C stops it).`));
} else {
  console.log(`\nOpen ${url} in Chromium, Chrome, Edge or Firefox to use the web client.`);
  console.log(`(The desktop app was not opened: ${electron.reason}.)\n`);
}

function nodeAtLeast(major, minor) {
  const [have, haveMinor] = process.versions.node.split('.').map(Number);
  return have > major || (have === major && haveMinor >= minor);
}

async function waitForHealth(healthUrl) {
  for (let attempt = 0; attempt < 100; attempt++) {
    const ok = await fetch(healthUrl).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`The server did not come up at ${healthUrl}`);
}

/** The Electron binary, downloading it on first use as the electron package does; null with a reason if it cannot run. */
function electronBinary() {
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { path: null, reason: 'no graphical display on this machine' };
  }
  const probe = spawnSync(process.execPath, ['-e', "process.stdout.write(require('electron'))"], {
    cwd: join(root, 'desktop'),
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const path = probe.stdout?.trim().split('\n').pop();
  if (probe.status !== 0 || !path || !existsSync(path)) {
    return { path: null, reason: 'the Electron binary could not be downloaded here' };
  }
  return { path, reason: null };
}

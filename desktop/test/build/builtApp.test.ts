import { execFileSync } from 'node:child_process';
import { builtinModules } from 'node:module';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { extractFile, listPackage } from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCEPTED_FINDINGS } from './electronegativityAccepted.js';
import { runElectronegativity } from './support/electronegativity.js';

const ROOT = resolve(__dirname, '../../..');
const DESKTOP = join(ROOT, 'desktop');
const OUT = join(DESKTOP, 'out');

/** The built app (electron-vite build), made here only when the test command did not build it already. */
beforeAll(() => {
  const built = ['main/index.js', 'preload/index.js', 'preload/sharingBar.js', 'renderer/index.html'].every((file) =>
    existsSync(join(OUT, file)),
  );
  if (!built) execFileSync('npx', ['electron-vite', 'build'], { cwd: DESKTOP, stdio: 'inherit', timeout: 300_000 });
}, 300_000);

function requiredModules(code: string): string[] {
  return [...code.matchAll(/require\((["'])([^"']+)\1\)/g)].map((match) => match[2] ?? '');
}

describe('the built preloads', () => {
  it.each(['index.js', 'sharingBar.js'])('%s is one sandbox-safe file that requires only electron', (file) => {
    const code = readFileSync(join(OUT, 'preload', file), 'utf8');
    expect(requiredModules(code)).toEqual(['electron']);
    expect(code).not.toMatch(/^\s*import\s/m);
    expect(code).toMatch(/contextBridge\.exposeInMainWorld\(/);
    expect(code).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer\s*\)/);
  });
});

describe('the built main process', () => {
  it('loads only Electron, Node built-ins and the packaged dependencies (nothing electron-builder would leave out)', () => {
    const desktop = JSON.parse(readFileSync(join(DESKTOP, 'package.json'), 'utf8'));
    const allowed = new Set([
      'electron',
      ...Object.keys(desktop.dependencies),
      ...builtinModules,
      ...builtinModules.map((m) => `node:${m}`),
    ]);
    const modules = requiredModules(readFileSync(join(OUT, 'main/index.js'), 'utf8'));
    expect(modules.filter((name) => !allowed.has(name))).toEqual([]);
    expect(modules).toContain('electron-store');
  });
});

describe('Electron security scanner (electronegativity)', () => {
  it('reports nothing over the built main, preloads and pages except reviewed, explained findings', async () => {
    const findings = await runElectronegativity(OUT);
    const unexplained = findings.filter(
      (finding) =>
        !ACCEPTED_FINDINGS.some(
          (accepted) =>
            accepted.issue === finding.issue && accepted.file === finding.file && accepted.sample.test(finding.sample),
        ),
    );
    expect(unexplained).toEqual([]);
    expect(findings.filter((finding) => finding.severity === 'HIGH' || finding.severity === 'CRITICAL')).toEqual([]);
  }, 240_000);

  it('does find the classic mistakes (so a clean report means something)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wava-insecure-'));
    try {
      writeFileSync(
        join(dir, 'main.js'),
        "const { BrowserWindow } = require('electron');\n" +
          'const win = new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false } });\n' +
          "win.loadURL('http://example.com');\n",
      );
      const issues = (await runElectronegativity(dir)).map((finding) => `${finding.issue} ${finding.severity}`);
      expect(issues).toContain('CONTEXT_ISOLATION_JS_CHECK HIGH');
      expect(issues).toContain('LIMIT_NAVIGATION_GLOBAL_CHECK HIGH');
      expect(issues).toContain('PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK MEDIUM');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 240_000);
});

describe('packaging with electron-builder (a stand-in Electron binary: the real one cannot be downloaded here)', () => {
  const work = mkdtempSync(join(tmpdir(), 'wava-package-'));
  const app = join(work, 'release', 'linux-unpacked');
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  beforeAll(() => {
    // Just enough of an Electron distribution for electron-builder: a launcher carrying Electron's fuse wire
    // (sentinel, version 1, eight fuses at Electron's defaults), so the real @electron/fuses flips it.
    const dist = join(work, 'electron-dist');
    mkdirSync(join(dist, 'resources'), { recursive: true });
    const launcher = Buffer.concat([
      Buffer.from('#!/bin/sh\necho "stand-in for Electron"\nexit 0\n'),
      Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'),
      Buffer.from([1, 8]),
      Buffer.from('10110001'),
    ]);
    writeFileSync(join(dist, 'electron'), launcher);
    chmodSync(join(dist, 'electron'), 0o755);
    writeFileSync(join(dist, 'LICENSE'), 'stand-in');
    writeFileSync(join(dist, 'version'), '45.4.1');
    execFileSync(
      'npx',
      [
        'electron-builder',
        '--linux',
        'dir',
        '--config',
        'electron-builder.yml',
        '--publish',
        'never',
        `-c.electronDist=${dist}`,
        `-c.directories.output=${join(work, 'release')}`,
        '-c.publish.provider=generic',
        '-c.publish.url=https://updates.example.com/wava',
      ],
      { cwd: ROOT, stdio: 'pipe', timeout: 300_000 },
    );
  }, 300_000);

  it('puts the built app and its runtime dependencies in app.asar, and no sources or source maps', () => {
    const files = listPackage(join(app, 'resources/app.asar'), { isPack: false }).map((file) =>
      file.replaceAll('\\', '/'),
    );
    for (const file of [
      '/package.json',
      '/out/main/index.js',
      '/out/preload/index.js',
      '/out/preload/sharingBar.js',
      '/out/renderer/index.html',
      '/out/renderer/sharingBar/index.html',
    ]) {
      expect(files, file).toContain(file);
    }
    for (const dependency of ['conf', 'electron-store', 'electron-updater', 'zod']) {
      expect(files, dependency).toContain(`/node_modules/${dependency}/package.json`);
    }
    expect(files.filter((file) => file.endsWith('.map') && file.startsWith('/out/'))).toEqual([]);
    expect(
      files.filter((file) => file.startsWith('/src/') || (file.endsWith('.ts') && file.startsWith('/out/'))),
    ).toEqual([]);
    const manifest = JSON.parse(extractFile(join(app, 'resources/app.asar'), 'package.json').toString('utf8'));
    expect(manifest.main).toBe('out/main/index.js');
  });

  it('names the executable wava and ships the tray icons and the update feed', () => {
    expect(existsSync(join(app, 'wava'))).toBe(true);
    for (const icon of ['tray.png', 'tray-meeting.png', 'trayTemplate.png', 'trayTemplate@2x.png', 'icon.png']) {
      expect(existsSync(join(app, 'resources/tray', icon)), icon).toBe(true);
    }
    expect(readFileSync(join(app, 'resources/app-update.yml'), 'utf8')).toMatch(
      /provider: generic\s+url: https:\/\/updates\.example\.com\/wava/,
    );
  });

  it('flips the Electron fuses in the packaged binary', async () => {
    const wire = await getCurrentFuseWire(join(app, 'wava'));
    const on = (fuse: FuseV1Options) => String.fromCharCode(wire[fuse] as number);
    expect(on(FuseV1Options.RunAsNode)).toBe('0');
    expect(on(FuseV1Options.EnableNodeOptionsEnvironmentVariable)).toBe('0');
    expect(on(FuseV1Options.EnableNodeCliInspectArguments)).toBe('0');
    expect(on(FuseV1Options.GrantFileProtocolExtraPrivileges)).toBe('0');
    expect(on(FuseV1Options.EnableCookieEncryption)).toBe('1');
    expect(on(FuseV1Options.EnableEmbeddedAsarIntegrityValidation)).toBe('1');
    expect(on(FuseV1Options.OnlyLoadAppFromAsar)).toBe('1');
  });
});

describe("the web client's first load", () => {
  /** The scripts index.html loads or preloads, and every chunk they import statically (not `import()`). */
  function firstLoadScripts(): Map<string, string> {
    const renderer = join(OUT, 'renderer');
    const html = readFileSync(join(renderer, 'index.html'), 'utf8');
    const pending = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((match) => match[1] ?? '');
    const scripts = new Map<string, string>();
    for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
      if (scripts.has(file)) continue;
      const code = readFileSync(join(renderer, file), 'utf8');
      scripts.set(file, code);
      for (const match of code.matchAll(/(?:from|import)\s*["']\.\/([^"']+\.js)["']/g)) {
        pending.push(`assets/${match[1] ?? ''}`);
      }
    }
    return scripts;
  }

  it('carries no zod: the schemas and the checked HTTP client load on first use, in their own chunk', () => {
    const scripts = firstLoadScripts();
    expect([...scripts.keys()].some((file) => /\/index-[^/]+\.js$/.test(file))).toBe(true);
    const withZod = [...scripts].filter(([, code]) => code.includes('ZodError')).map(([file]) => file);
    expect(withZod).toEqual([]);
    // The marker is real: zod is in the build, in a chunk loaded later.
    const assets = join(OUT, 'renderer', 'assets');
    const later = readdirSync(assets).filter(
      (file) => file.endsWith('.js') && readFileSync(join(assets, file), 'utf8').includes('ZodError'),
    );
    expect(later.length).toBeGreaterThan(0);
  });
});

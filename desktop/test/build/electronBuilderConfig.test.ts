import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Ajv } from 'ajv';
import yaml from 'js-yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { icnsChunks, icoEntries, pngInfo } from './support/imageFiles.js';

const ROOT = resolve(__dirname, '../../..');
const CONFIG_FILE = join(ROOT, 'electron-builder.yml');
const SCHEMA_FILE = join(ROOT, 'node_modules/app-builder-lib/scheme.json');

type Config = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** electron-builder's own JSON schema, compiled the way it validates configurations (ajv, all errors). */
function compileSchema() {
  const ajv = new Ajv({ allErrors: true, strict: false });
  return ajv.compile(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')));
}

describe('electron-builder.yml', () => {
  let config: Config;
  let validate: ReturnType<typeof compileSchema>;
  beforeAll(() => {
    config = yaml.load(readFileSync(CONFIG_FILE, 'utf8')) as Config;
    validate = compileSchema();
  });

  it('matches electron-builder\u2019s own schema', () => {
    const valid = validate(config);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it.each<[string, (c: Config) => void]>([
    ['an unknown top-level key', (c) => void (c.signWith = 'secret')],
    ['a misspelt NSIS option', (c) => void (c.nsis.perMachin = true)],
    ['a misspelt macOS option', (c) => void (c.mac.hardenedRuntme = true)],
    ['a wrong type', (c) => void (c.asar = 'yes')],
    ['an unknown fuse', (c) => void (c.electronFuses.disableEverything = true)],
  ])('rejects %s', (_name, breakIt) => {
    const broken = structuredClone(config);
    breakIt(broken);
    expect(validate(broken)).toBe(false);
  });

  it('packages the desktop app from desktop/out into release/', () => {
    expect(config.directories).toMatchObject({ app: 'desktop', output: 'release' });
    expect(config.files).toContain('out/**/*');
    expect(config.files).toContain('!out/**/*.map');
  });

  it('pins the Electron version desktop/package.json installs', () => {
    const desktop = JSON.parse(readFileSync(join(ROOT, 'desktop/package.json'), 'utf8'));
    expect(config.electronVersion).toBe(desktop.devDependencies.electron);
  });

  it('registers the wava:// protocol on every OS', () => {
    expect(config.protocols).toEqual([{ name: 'Wava invite link', schemes: ['wava'] }]);
    expect(config.linux.mimeTypes).toContain('x-scheme-handler/wava');
  });

  it('builds NSIS (per-machine choice, silent-capable) and a per-machine MSI with a fixed upgrade code', () => {
    expect(config.win.target).toEqual(['nsis', 'msi']);
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: false, allowElevation: true });
    expect(config.msi).toMatchObject({ perMachine: true });
    expect(config.msi.upgradeCode).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  it('builds a hardened, notarizable dmg and zip with the usage descriptions macOS shows', () => {
    expect(config.mac.target).toEqual(['dmg', 'zip']);
    expect(config.mac).toMatchObject({ hardenedRuntime: true, notarize: true });
    for (const key of ['NSCameraUsageDescription', 'NSMicrophoneUsageDescription', 'NSScreenCaptureUsageDescription']) {
      expect(config.mac.extendInfo[key], key).toMatch(/^Wava .{20,}/);
    }
  });

  it('grants only JIT, camera and microphone entitlements', () => {
    expect(config.mac.entitlements).toBe('assets/entitlements.mac.plist');
    expect(config.mac.entitlementsInherit).toBe('assets/entitlements.mac.plist');
    const plist = readFileSync(join(ROOT, config.mac.entitlements), 'utf8');
    const keys = [...plist.matchAll(/<key>([^<]+)<\/key>/g)].map((match) => match[1]);
    expect(keys).toEqual([
      'com.apple.security.cs.allow-jit',
      'com.apple.security.device.camera',
      'com.apple.security.device.audio-input',
    ]);
  });

  it('builds AppImage, deb and rpm', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb', 'rpm']);
    expect(config.linux.category).toBe('Network');
  });

  it('flips the Electron fuses that close run-as-node, NODE_OPTIONS, --inspect and loose app files', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('holds no signing secret: signing comes from environment variables only', () => {
    const text = readFileSync(CONFIG_FILE, 'utf8')
      .split('\n')
      .filter((line) => !line.trimStart().startsWith('#'))
      .join('\n');
    const keys = JSON.stringify(config);
    for (const key of [
      'cscLink',
      'cscKeyPassword',
      'cscInstallerLink',
      'certificatePassword',
      'certificateFile',
      'appleIdPassword',
      'password',
    ]) {
      expect(keys).not.toContain(`"${key}"`);
    }
    expect(text).not.toMatch(/-----BEGIN|\.p12\b|\.pfx\b/);
  });

  it('points every icon at a file that exists', () => {
    expect(existsSync(join(ROOT, config.win.icon))).toBe(true);
    expect(existsSync(join(ROOT, config.mac.icon))).toBe(true);
    expect(readdirSync(join(ROOT, config.linux.icon))).toContain('512x512.png');
  });
});

describe('icons', () => {
  const icons = join(ROOT, 'assets/icons');

  it('has a transparent RGBA PNG of the logo at every size from 16 to 1024', () => {
    for (const size of [16, 24, 32, 48, 64, 128, 256, 512, 1024]) {
      const info = pngInfo(readFileSync(join(icons, 'png', `${size}x${size}.png`)));
      expect(info, `${size}`).toEqual({ width: size, height: size, colorType: 6 });
    }
  });

  it('has a Windows .ico holding PNGs from 16 to 256 pixels', () => {
    const entries = icoEntries(readFileSync(join(icons, 'icon.ico')));
    expect(entries.map((entry) => entry.width)).toEqual([16, 24, 32, 48, 64, 128, 256]);
    for (const entry of entries) expect(pngInfo(entry.png).width).toBe(entry.width);
  });

  it('has a macOS .icns with every size macOS asks for, up to 1024 (512@2x)', () => {
    const chunks = icnsChunks(readFileSync(join(icons, 'icon.icns')));
    const sizes = Object.fromEntries(chunks.map((chunk) => [chunk.type, pngInfo(chunk.png).width]));
    expect(sizes).toEqual({
      icp4: 16,
      icp5: 32,
      icp6: 64,
      ic07: 128,
      ic08: 256,
      ic09: 512,
      ic10: 1024,
      ic11: 32,
      ic12: 64,
      ic13: 256,
      ic14: 512,
    });
  });

  it('has tray icons, including a macOS template image with its @2x', () => {
    const tray = join(ROOT, 'assets/tray');
    expect(pngInfo(readFileSync(join(tray, 'tray.png'))).width).toBe(32);
    expect(pngInfo(readFileSync(join(tray, 'tray-meeting.png'))).width).toBe(32);
    expect(pngInfo(readFileSync(join(tray, 'trayTemplate.png'))).width).toBe(16);
    expect(pngInfo(readFileSync(join(tray, 'trayTemplate@2x.png'))).width).toBe(32);
  });
});

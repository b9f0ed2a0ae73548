import { describe, expect, it } from 'vitest';
import { decidePermission, type PermissionQuestion } from '../../src/main/security/permissionPolicy.js';

const ORIGIN = 'app://wava';
const ours = (overrides: Partial<PermissionQuestion>): PermissionQuestion => ({
  permission: 'media',
  requestingUrl: 'app://wava/index.html',
  isMainFrame: true,
  fromOurWindow: true,
  ...overrides,
});

describe('permission handler', () => {
  it.each(['media', 'display-capture', 'notifications', 'fullscreen', 'clipboard-sanitized-write'])(
    'grants %s to our window',
    (permission) => {
      expect(decidePermission(ours({ permission }), ORIGIN)).toBe(true);
    },
  );

  it.each([
    'geolocation',
    'midi',
    'midiSysex',
    'openExternal',
    'pointerLock',
    'hid',
    'serial',
    'usb',
    'clipboard-read',
    'idle-detection',
    'window-management',
    'unknown',
  ])('denies %s even to our window', (permission) => {
    expect(decidePermission(ours({ permission }), ORIGIN)).toBe(false);
  });

  it.each([
    ['another website', { requestingUrl: 'https://evil.example/' }],
    ['a look-alike host', { requestingUrl: 'app://wava.evil/index.html' }],
    ['credentials in the URL', { requestingUrl: 'app://x@wava/index.html' }],
    ['a file URL', { requestingUrl: 'file:///tmp/x.html' }],
    ['a data URL', { requestingUrl: 'data:text/html,hi' }],
    ['an opaque origin', { requestingUrl: 'null' }],
    ['an empty URL', { requestingUrl: '' }],
    ['a subframe on our origin', { isMainFrame: false }],
    ['a webContents that is not our window', { fromOurWindow: false }],
  ])('denies media to %s', (_name, overrides) => {
    expect(decidePermission(ours(overrides), ORIGIN)).toBe(false);
  });

  it('grants cameras and microphones, not other media kinds', () => {
    expect(decidePermission(ours({ mediaTypes: ['audio', 'video'] }), ORIGIN)).toBe(true);
    expect(decidePermission(ours({ mediaTypes: ['video'] }), ORIGIN)).toBe(true);
    expect(decidePermission(ours({ mediaTypes: ['video', 'screen'] }), ORIGIN)).toBe(false);
  });

  it('answers permission checks given as an origin string', () => {
    expect(decidePermission(ours({ requestingUrl: 'app://wava' }), ORIGIN)).toBe(true);
    expect(decidePermission(ours({ requestingUrl: 'app://wava', mediaTypes: ['unknown'] }), ORIGIN)).toBe(true);
  });
});

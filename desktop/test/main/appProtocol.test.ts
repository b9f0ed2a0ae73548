import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentTypeFor, resolveAppFile } from '../../src/main/appProtocol/resolveAppFile.js';

const ROOT = resolve('/opt/Wava/resources/app.asar/out/renderer');

describe('app:// protocol file mapping', () => {
  it.each([
    ['app://wava/', join(ROOT, 'index.html')],
    ['app://wava/index.html', join(ROOT, 'index.html')],
    ['app://wava/assets/index-abc.js', join(ROOT, 'assets/index-abc.js')],
    ['app://wava/sharingBar/index.html', join(ROOT, 'sharingBar/index.html')],
    ['app://wava/a%20b.png', join(ROOT, 'a b.png')],
    // The URL parser resolves literal dot segments before we see them: still inside the root.
    ['app://wava/../../etc/passwd', join(ROOT, 'etc/passwd')],
  ])('%s -> %s', (url, file) => {
    expect(resolveAppFile(ROOT, url)).toBe(file);
  });

  it.each(['app://wava/%2e%2e/%2e%2e/etc/passwd', 'app://wava/assets/%2E%2E/%2E%2E/secret'])(
    'keeps %s inside the renderer folder (the URL parser treats encoded dots as dot segments)',
    (url) => {
      const file = resolveAppFile(ROOT, url);
      expect(file === null || file.startsWith(ROOT + '/')).toBe(true);
    },
  );

  it.each([
    'app://wava/..%2f..%2fetc%2fpasswd',
    'app://wava/..%5c..%5cwindows',
    'app://wava/a%00.html',
    'app://wava/%E0%A4%A',
    'app://evil/index.html',
    'app://wava.evil/index.html',
    'app://user@wava/index.html',
    'file:///etc/passwd',
    'https://wava/index.html',
    'not a url',
  ])('refuses %s', (url) => {
    expect(resolveAppFile(ROOT, url)).toBeNull();
  });

  it('serves the right content types', () => {
    expect(contentTypeFor('index.html')).toMatch(/^text\/html/);
    expect(contentTypeFor('a.JS')).toMatch(/^text\/javascript/);
    expect(contentTypeFor('x.unknown')).toBe('application/octet-stream');
  });
});

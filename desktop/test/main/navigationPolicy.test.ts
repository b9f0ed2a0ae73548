import { describe, expect, it } from 'vitest';
import { externalHttpsUrl } from '../../src/main/urls/externalHttpsUrl.js';
import { decideNavigation, decideWindowOpen } from '../../src/main/windows/navigationPolicy.js';

const ORIGIN = 'app://wava';

describe('navigation guard (will-navigate / will-redirect)', () => {
  it.each([
    ['app://wava/index.html', 'allow'],
    ['app://wava/', 'allow'],
    ['app://wava/meeting#abc', 'allow'],
    ['https://example.com/docs', 'open-external'],
    ['https://meet.example.com/j/abc-defg-hij', 'open-external'],
    ['http://example.com/', 'deny'],
    ['file:///etc/passwd', 'deny'],
    ['file:///C:/Windows/System32/calc.exe', 'deny'],
    ['javascript:alert(1)', 'deny'],
    ['data:text/html,<script>alert(1)</script>', 'deny'],
    ['blob:app://wava/1234', 'deny'],
    ['about:blank', 'deny'],
    ['app://wava.evil.com/index.html', 'deny'],
    ['app://evil/index.html', 'deny'],
    ['app://wava@evil/index.html', 'deny'],
    ['app://WAVA/index.html', 'deny'],
    ['wava://join/abc-defg-hij', 'deny'],
    ['smb://attacker/share', 'deny'],
    ['ms-msdt:/id PCWDiagnostic', 'deny'],
    ['chrome://settings', 'deny'],
    ['devtools://devtools/bundled/inspector.html', 'deny'],
    ['https://user:pass@example.com/', 'deny'],
    ['', 'deny'],
    ['not a url', 'deny'],
  ])('%s -> %s', (url, action) => {
    expect(decideNavigation(url, ORIGIN).action).toBe(action);
  });

  it('allows the Vite dev server origin only while developing (when it is the renderer origin)', () => {
    expect(decideNavigation('http://localhost:5173/index.html', 'http://localhost:5173').action).toBe('allow');
    expect(decideNavigation('http://localhost:5174/index.html', 'http://localhost:5173').action).toBe('deny');
    expect(decideNavigation('http://localhost:5173/index.html', ORIGIN).action).toBe('deny');
  });

  it('hands the browser the parsed URL, not the raw string', () => {
    expect(decideNavigation('https://EXAMPLE.com/a b', ORIGIN)).toEqual({
      action: 'open-external',
      url: 'https://example.com/a%20b',
    });
  });
});

describe('window.open handler', () => {
  it.each([
    ['https://example.com/', 'open-external'],
    ['app://wava/index.html', 'deny'],
    ['http://example.com/', 'open-external'],
    ['http://user:pass@example.com/', 'deny'],
    ['ftp://example.com/', 'deny'],
    ['file:///etc/passwd', 'deny'],
    ['javascript:alert(1)', 'deny'],
    ['data:text/html,hi', 'deny'],
    ['about:blank', 'deny'],
    ['', 'deny'],
  ])('%s -> %s', (url, action) => {
    expect(decideWindowOpen(url).action).toBe(action);
  });
});

describe('external links', () => {
  it('accepts only https without credentials and within a sane length', () => {
    expect(externalHttpsUrl('https://example.com/path?q=1')).toBe('https://example.com/path?q=1');
    expect(externalHttpsUrl('https://user@example.com/')).toBeNull();
    expect(externalHttpsUrl(`https://example.com/${'a'.repeat(3000)}`)).toBeNull();
    expect(externalHttpsUrl('HTTPS://example.com')).toBe('https://example.com/');
    expect(externalHttpsUrl(' https://example.com')).toBe('https://example.com/');
    expect(externalHttpsUrl('https:///')).toBeNull();
    expect(externalHttpsUrl('http://example.com/')).toBeNull();
  });

  it('opens a chat link with http in the browser too, as the parsed URL', () => {
    expect(decideWindowOpen('http://EXAMPLE.com/a b')).toEqual({
      action: 'open-external',
      url: 'http://example.com/a%20b',
    });
  });
});

import { describe, expect, it } from 'vitest';
import { buildContentSecurityPolicy } from '../../src/main/security/contentSecurityPolicy.js';

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp.split(';').map((part) => {
      const [name = '', ...values] = part.trim().split(/\s+/);
      return [name, values];
    }),
  );
}

describe('Content-Security-Policy', () => {
  const csp = directives(buildContentSecurityPolicy({ serverUrl: 'https://meet.example.com', devServerOrigin: null }));

  it('lets the page talk to the chosen server over https and wss, and nowhere else', () => {
    expect(csp.get('connect-src')).toEqual(["'self'", 'https://meet.example.com', 'wss://meet.example.com']);
  });

  it('uses ws for a plain-http server', () => {
    const local = directives(buildContentSecurityPolicy({ serverUrl: 'http://localhost:8080', devServerOrigin: null }));
    expect(local.get('connect-src')).toEqual(["'self'", 'http://localhost:8080', 'ws://localhost:8080']);
  });

  it('runs only our own scripts: no inline, no eval, no remote', () => {
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('default-src')).toEqual(["'none'"]);
  });

  it('forbids plugins, frames, base tags and form posts', () => {
    for (const name of ['object-src', 'frame-src', 'child-src', 'base-uri', 'form-action', 'frame-ancestors']) {
      expect(csp.get(name), name).toEqual(["'none'"]);
    }
  });

  it('allows live camera/screen streams and blob media', () => {
    expect(csp.get('media-src')).toEqual(["'self'", 'blob:', 'mediastream:']);
  });

  it('relaxes scripts and connections only for the Vite dev server while developing', () => {
    const dev = directives(
      buildContentSecurityPolicy({ serverUrl: 'http://localhost:8080', devServerOrigin: 'http://localhost:5173' }),
    );
    expect(dev.get('script-src')).toContain("'unsafe-inline'");
    expect(dev.get('connect-src')).toContain('ws://localhost:5173');
  });

  it('never puts an unusable server address into the policy', () => {
    const bad = directives(buildContentSecurityPolicy({ serverUrl: 'javascript:alert(1)', devServerOrigin: null }));
    expect(bad.get('connect-src')).toEqual(["'self'"]);
  });
});

import { describe, expect, it } from 'vitest';
import { createInviteInbox } from '../../src/main/deepLinks/InviteInbox.js';
import { decideInvite, inviteFromArgv, inviteFromUrl } from '../../src/main/deepLinks/inviteLinks.js';

const CODE = 'abc-defg-hij';

describe('invite links handed over by the OS', () => {
  it.each([
    [`wava://join/${CODE}`, { code: CODE, serverOrigin: null }],
    [`wava://join/ABCDEFGHIJ`, { code: CODE, serverOrigin: null }],
    [`wava://join/${CODE}/`, { code: CODE, serverOrigin: null }],
    [`wava://join/${CODE}?server=https://meet.example.com`, { code: CODE, serverOrigin: 'https://meet.example.com' }],
    [`https://meet.example.com/j/${CODE}`, { code: CODE, serverOrigin: 'https://meet.example.com' }],
    [`http://localhost:8080/j/${CODE}`, { code: CODE, serverOrigin: 'http://localhost:8080' }],
  ])('reads %s', (url, expected) => {
    expect(inviteFromUrl(url)).toEqual(expected);
  });

  it.each([
    CODE, // a bare code is fine when typed, not when it is just a word on a command line
    `wava://evil/${CODE}`,
    `wava://join/../../etc/passwd`,
    `wava://join/${CODE}?server=javascript:alert(1)`,
    `wava://join/${CODE}?server=file:///etc/passwd`,
    `wava://join/${CODE}?server=https://user:pw@evil.example`,
    `wava://user:pw@join/${CODE}`,
    `wava://join/<script>alert(1)</script>`,
    `wava://join/abc-defg-hi`,
    `wava://join/${CODE}%00`,
    `https://meet.example.com/admin/${CODE}`,
    `https://user:pw@meet.example.com/j/${CODE}`,
    `file:///j/${CODE}`,
    `javascript:alert('/j/${CODE}')`,
    `data:text/html,/j/${CODE}`,
    `smb://attacker/j/${CODE}`,
    `wava://join/${'a'.repeat(3000)}`,
    '',
  ])('rejects %s', (url) => {
    expect(inviteFromUrl(url)).toBeNull();
  });
});

describe('invites in a command line', () => {
  it('finds the link Windows passes as the last argument (cold start and second-instance)', () => {
    expect(inviteFromArgv(['C:\\Program Files\\Wava\\Wava.exe', '--', `wava://join/${CODE}`])).toEqual({
      code: CODE,
      serverOrigin: null,
    });
  });

  it('skips Chromium and app switches, including ones smuggled next to a link', () => {
    const argv = [
      '/usr/bin/wava',
      '--no-sandbox',
      '--allow-file-access-from-files',
      `--server-url=wava://join/${CODE}`,
    ];
    expect(inviteFromArgv(argv)).toBeNull();
  });

  it('ignores bare words and unrelated arguments', () => {
    expect(inviteFromArgv(['/opt/Wava/wava', 'abcdefghij', '.', '/tmp/file.txt'])).toBeNull();
  });

  it('takes the last valid link when there are several', () => {
    const argv = ['wava', `wava://join/${CODE}`, 'wava://join/zzz-zzzz-zzz', 'https://evil.example/nothing'];
    expect(inviteFromArgv(argv)?.code).toBe('zzz-zzzz-zzz');
  });
});

describe('what an invite does', () => {
  const current = { serverUrl: 'https://meet.example.com', locked: false };

  it('joins when the link has no server or names ours', () => {
    expect(decideInvite({ code: CODE, serverOrigin: null }, current)).toEqual({ kind: 'join', code: CODE });
    expect(decideInvite({ code: CODE, serverOrigin: 'https://meet.example.com' }, current)).toEqual({
      kind: 'join',
      code: CODE,
    });
  });

  it('asks before switching to another https server', () => {
    expect(decideInvite({ code: CODE, serverOrigin: 'https://other.example' }, current)).toEqual({
      kind: 'ask-switch',
      code: CODE,
      serverOrigin: 'https://other.example',
    });
  });

  it('never switches when policy locks the server', () => {
    expect(
      decideInvite({ code: CODE, serverOrigin: 'https://other.example' }, { ...current, locked: true }),
    ).toMatchObject({
      kind: 'refuse',
      reason: 'locked',
    });
  });

  it('never switches to a plain-http server from a link', () => {
    expect(decideInvite({ code: CODE, serverOrigin: 'http://evil.example' }, current)).toMatchObject({
      kind: 'refuse',
      reason: 'insecure',
    });
  });
});

describe('invite inbox', () => {
  it('holds a cold-start invite until the window has loaded, then delivers it once', () => {
    const inbox = createInviteInbox();
    const delivered: string[] = [];
    inbox.put('first-link');
    inbox.put(CODE);
    inbox.open((code) => delivered.push(code));
    expect(delivered).toEqual([CODE]);
    inbox.put('later');
    expect(delivered).toEqual([CODE, 'later']);
  });

  it('holds invites again while the page reloads', () => {
    const inbox = createInviteInbox();
    const delivered: string[] = [];
    inbox.open((code) => delivered.push(code));
    inbox.close();
    inbox.put(CODE);
    expect(delivered).toEqual([]);
    inbox.open((code) => delivered.push(code));
    expect(delivered).toEqual([CODE]);
  });
});

import { parseInvite, WAVA_PROTOCOL, type ParsedInvite } from '@wava/protocol';

const MAX_LINK_LENGTH = 2048;

/**
 * An invite handed to the app by the OS: a `wava://join/CODE` link or an http(s) invite link `/j/CODE`.
 * Bare codes are not accepted here (any word on a command line could look like one), and neither is anything
 * else: file:, javascript:, credentials in the URL, odd hosts or paths.
 */
export function inviteFromUrl(candidate: string): ParsedInvite | null {
  if (candidate.length > MAX_LINK_LENGTH) return null;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(candidate)?.[1]?.toLowerCase();
  if (scheme !== WAVA_PROTOCOL && scheme !== 'https' && scheme !== 'http') return null;
  return parseInvite(candidate);
}

/**
 * The invite in a command line (cold start on Windows/Linux, or `second-instance`). Chromium switches are skipped;
 * the last link that parses wins (Windows passes the URL as the last argument).
 */
export function inviteFromArgv(argv: readonly string[]): ParsedInvite | null {
  for (let index = argv.length - 1; index >= 0; index -= 1) {
    const arg = argv[index] ?? '';
    if (arg.startsWith('-')) continue;
    const invite = inviteFromUrl(arg);
    if (invite) return invite;
  }
  return null;
}

export type InviteAction =
  | { kind: 'join'; code: string }
  /** The link names another server: ask the person before switching (switching signs out). */
  | { kind: 'ask-switch'; code: string; serverOrigin: string }
  /** Another server, but switching is not possible: policy locks the server, or the other one is plain http. */
  | { kind: 'refuse'; reason: 'locked' | 'insecure'; serverOrigin: string };

export function decideInvite(invite: ParsedInvite, current: { serverUrl: string; locked: boolean }): InviteAction {
  if (invite.serverOrigin === null || invite.serverOrigin === current.serverUrl)
    return { kind: 'join', code: invite.code };
  if (current.locked) return { kind: 'refuse', reason: 'locked', serverOrigin: invite.serverOrigin };
  if (!invite.serverOrigin.startsWith('https://'))
    return { kind: 'refuse', reason: 'insecure', serverOrigin: invite.serverOrigin };
  return { kind: 'ask-switch', code: invite.code, serverOrigin: invite.serverOrigin };
}

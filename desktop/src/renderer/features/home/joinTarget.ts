import { parseInvite } from '@wava/protocol';
import { sameServer } from '../../util/sameServer.js';
import { i18n } from '../../i18n/i18n.js';

export type JoinTarget = { ok: true; code: string } | { ok: false; message: string };

/**
 * What a person typed or pasted into "Join a meeting": a code (any case, spaces or dashes) or an
 * invite link. A link to another Wava server cannot be joined from this one, and says so.
 */
export function joinTargetOf(input: string, serverOrigin: string): JoinTarget {
  if (input.trim() === '') return { ok: false, message: i18n.t('home.enterCode') };
  const invite = parseInvite(input);
  if (!invite) {
    return { ok: false, message: i18n.t('home.notACode') };
  }
  if (invite.serverOrigin !== null && !sameServer(invite.serverOrigin, serverOrigin)) {
    return {
      ok: false,
      message: `That invite is for another Wava server (${hostOf(invite.serverOrigin)}). Open the link itself to join there.`,
    };
  }
  return { ok: true, code: invite.code };
}

function hostOf(origin: string): string {
  try {
    return new URL(origin).host;
  } catch {
    return origin;
  }
}

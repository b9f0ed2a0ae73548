import { dialog, type App, type BrowserWindow } from 'electron';
import type { ParsedInvite } from '@wava/protocol';
import { missingCaseError } from '../../shared/missingCaseError.js';
import { drop, type Logger } from '../util/log.js';
import { decideInvite, inviteFromArgv, inviteFromUrl } from './inviteLinks.js';
import type { InviteInbox } from './InviteInbox.js';

export interface DeepLinkDeps {
  app: App;
  inbox: InviteInbox;
  /** The server in use and whether it is locked; null before the app is ready (invites then wait). */
  server(): { serverUrl: string; locked: boolean } | null;
  switchServer(url: string): Promise<boolean>;
  window(): BrowserWindow | null;
  showWindow(): void;
  log: Logger;
}

/**
 * Invite links from the OS: the command line of a cold start, `second-instance` (Windows, Linux: the link is in
 * the second process's argv) and `open-url` (macOS). Register before `ready`: macOS delivers cold-start links early.
 */
export function setupDeepLinks(deps: DeepLinkDeps) {
  let early: ParsedInvite | null = inviteFromArgv(process.argv);

  async function handle(invite: ParsedInvite | null, what: string): Promise<void> {
    if (!invite) {
      deps.log.warn(`${what}: not a Wava invite link; ignored`);
      return;
    }
    const server = deps.server();
    if (!server) {
      early = invite;
      return;
    }
    deps.showWindow();
    const action = decideInvite(invite, server);
    const win = deps.window();
    switch (action.kind) {
      case 'join':
        deps.inbox.put(action.code);
        return;
      case 'refuse':
        if (win) {
          await dialog.showMessageBox(win, {
            type: 'info',
            message: 'This invite is for another Wava server',
            detail:
              action.reason === 'locked'
                ? `The invite is for ${action.serverOrigin}, but your organisation has set Wava to use ${server.serverUrl}.`
                : `The invite is for ${action.serverOrigin}, which does not use a secure (https) connection. Wava does not switch to it.`,
          });
        }
        return;
      case 'ask-switch': {
        if (!win) return;
        const { response } = await dialog.showMessageBox(win, {
          type: 'question',
          buttons: ['Switch Server and Join', 'Cancel'],
          defaultId: 0,
          cancelId: 1,
          message: `Join a meeting on ${new URL(action.serverOrigin).host}?`,
          detail: `Wava is set to ${server.serverUrl}. Switching signs you out there; you sign in on the other server.`,
        });
        if (response === 0 && (await deps.switchServer(action.serverOrigin))) deps.inbox.put(action.code);
        return;
      }
      default:
        throw missingCaseError(action);
    }
  }

  deps.app.on('second-instance', (_event, argv) => {
    const invite = inviteFromArgv(argv);
    if (invite) drop(handle(invite, 'second-instance'), deps.log, 'invite');
    else deps.showWindow();
  });
  deps.app.on('open-url', (event, url) => {
    event.preventDefault();
    drop(handle(inviteFromUrl(url), 'open-url'), deps.log, 'invite');
  });

  return {
    /** Called once the server is known: handles a link that arrived before. */
    ready() {
      const invite = early;
      early = null;
      if (invite) drop(handle(invite, 'startup'), deps.log, 'invite');
    },
  };
}

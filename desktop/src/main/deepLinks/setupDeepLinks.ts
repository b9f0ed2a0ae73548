import type { App } from 'electron';
import type { ParsedInvite } from '@wava/protocol';
import type { Disposable } from '../util/Disposable.js';
import { drop, type Logger } from '../util/log.js';
import { inviteFromArgv, inviteFromUrl } from './inviteLinks.js';

export interface DeepLinkDeps {
  app: App;
  /** Acts on an invite; called only once the app knows its server (see `ready`). */
  handle(invite: ParsedInvite): Promise<void>;
  showWindow(): void;
  log: Logger;
}

/**
 * Invite links from the OS: the command line of a cold start, `second-instance` (Windows, Linux: the link is in
 * the second process's argv) and `open-url` (macOS). Register before `ready`: macOS delivers cold-start links early.
 */
export function setupDeepLinks(deps: DeepLinkDeps): Disposable & { ready(): void } {
  let early: ParsedInvite | null = inviteFromArgv(process.argv);
  let started = false;

  function receive(invite: ParsedInvite | null, what: string): void {
    if (!invite) {
      deps.log.warn(`${what}: not a Wava invite link; ignored`);
      return;
    }
    if (!started) {
      early = invite;
      return;
    }
    drop(deps.handle(invite), deps.log, 'invite');
  }

  const onSecondInstance = (_event: Electron.Event, argv: string[]) => {
    const invite = inviteFromArgv(argv);
    if (invite) receive(invite, 'second-instance');
    else deps.showWindow();
  };
  const onOpenUrl = (event: Electron.Event, url: string) => {
    event.preventDefault();
    receive(inviteFromUrl(url), 'open-url');
  };
  deps.app.on('second-instance', onSecondInstance);
  deps.app.on('open-url', onOpenUrl);

  return {
    dispose() {
      deps.app.removeListener('second-instance', onSecondInstance);
      deps.app.removeListener('open-url', onOpenUrl);
    },
    /** Called once the server is known: handles a link that arrived before. */
    ready() {
      started = true;
      const invite = early;
      early = null;
      if (invite) receive(invite, 'startup');
    },
  };
}

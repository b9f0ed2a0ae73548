import { missingCaseError } from '@wava/protocol';
import { englishText, type MainText } from '../i18n/mainText.js';
import type { ParsedInvite } from '@wava/protocol';
import type { Ask } from '../prompts/Prompt.js';
import type { Logger } from '../util/log.js';
import { decideInvite } from './inviteLinks.js';
import { refusedInvitePrompt, switchServerPrompt } from './invitePrompts.js';
import type { InviteInbox } from './InviteInbox.js';

export interface InviteHandlerDeps {
  inbox: InviteInbox;
  /** The server in use and whether policy locks it. */
  server(): { serverUrl: string; locked: boolean };
  /** Uses another server for now; it is saved only after a successful sign-in there. False when refused. */
  switchServerForInvite(origin: string): Promise<boolean>;
  ask: Ask;
  /** Dialog sentences in the system's language (English if absent). */
  text?: MainText;
  showWindow(): void;
  log: Logger;
}

/** What happens to an invite once the app knows its server: join, ask before switching, or explain a refusal. */
export function createInviteHandler(deps: InviteHandlerDeps) {
  return async function handleInvite(invite: ParsedInvite): Promise<void> {
    deps.showWindow();
    const server = deps.server();
    const action = decideInvite(invite, server);
    switch (action.kind) {
      case 'join':
        deps.inbox.put(action.code);
        return;
      case 'refuse':
        deps.log.info('invite for another server refused', { reason: action.reason, server: action.serverOrigin });
        await deps.ask(
          refusedInvitePrompt(action.reason, server.serverUrl, action.serverOrigin, deps.text ?? englishText),
        );
        return;
      case 'ask-switch': {
        const answer = await deps.ask(
          switchServerPrompt(server.serverUrl, action.serverOrigin, deps.text ?? englishText),
        );
        if (answer !== 'switch') return;
        deps.log.info('switching server for an invite (saved after sign-in)', { server: action.serverOrigin });
        if (await deps.switchServerForInvite(action.serverOrigin)) deps.inbox.put(action.code);
        return;
      }
      default:
        throw missingCaseError(action);
    }
  };
}

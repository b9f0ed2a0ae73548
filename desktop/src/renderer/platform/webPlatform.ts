import { parseInvite } from '@wava/protocol/plain';
import { lazyApiClient } from '../api/lazyApiClient.js';
import { sameServer } from '../util/sameServer.js';
import { isApplePlatform, shellCommandForKey } from './keyboardShortcuts.js';
import type { Platform, ShellCommand } from './Platform.js';
import { createSharedSessionArea } from './sharedSessionArea.js';
import { createWebAuthStore } from './webAuthStore.js';
import { i18n } from '../i18n/i18n.js';

/**
 * The renderer in a browser tab, served by the Wava server itself: the server is the page's origin,
 * tokens live in IndexedDB, one sign-in shared by the profile's tabs (see webAuthStore), and an invite
 * is the page's own `/j/CODE` path. The meeting shortcuts are the page's own key handling.
 */
export function createWebPlatform(win: Window & typeof globalThis = window): Platform {
  const origin = win.location.origin;
  const api = lazyApiClient(origin, (input, init) => win.fetch(input, init));
  const auth = createWebAuthStore({
    api,
    area: createSharedSessionArea(win),
    locks: win.navigator.locks ?? null,
  });
  const baseTitle = win.document.title || 'Wava';

  return {
    kind: 'web',
    serverUrl: () => Promise.resolve(origin),
    auth,
    onInvite(listener) {
      const invite = parseInvite(win.location.href);
      let active = true;
      if (invite && (invite.serverOrigin === null || sameServer(invite.serverOrigin, origin))) {
        queueMicrotask(() => {
          if (active) listener(invite.code);
        });
      }
      return () => {
        active = false;
      };
    },
    onCommand(listener: (command: ShellCommand) => void) {
      // A browser tab has no menu: the page itself answers the keys the desktop app's menu carries.
      // (In the desktop app the menu delivers them; its platform never listens for keys.)
      const apple = isApplePlatform(win.navigator);
      const onKeyDown = (event: KeyboardEvent) => {
        const command = shellCommandForKey(event, apple);
        if (!command) return;
        event.preventDefault();
        if (!event.repeat) listener(command);
      };
      win.addEventListener('keydown', onKeyDown);
      return () => win.removeEventListener('keydown', onKeyDown);
    },
    presenceChanged(presence) {
      win.document.title = presence.inMeeting
        ? `${presence.meetingCode ?? i18n.t('meeting.untitled')} · ${baseTitle}`
        : baseTitle;
    },
    notify(title, body) {
      if (!win.document.hidden || typeof win.Notification === 'undefined') return;
      if (win.Notification.permission !== 'granted') return;
      new win.Notification(title, { body });
    },
  };
}

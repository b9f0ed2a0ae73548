import { useEffect } from 'react';
import type { MeetingClient } from '../call/meetingClient.js';
import { i18n } from '../i18n/i18n.js';

/**
 * In a browser tab, Back or closing the tab during a meeting asks first instead of dropping the call:
 * Back is caught with an extra history entry (put back if the person stays), closing or reloading with
 * the browser's own "Leave site?" prompt.
 */
export function useMeetingGuard(client: MeetingClient | null, enabled: boolean): void {
  useEffect(() => {
    if (!client || !enabled) return;
    window.history.pushState({ wavaMeeting: true }, '', window.location.href);
    const onPopState = () => {
      if (window.confirm(i18n.t('app.confirmLeave'))) client.leave();
      else window.history.pushState({ wavaMeeting: true }, '', window.location.href);
    };
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = '';
    };
    window.addEventListener('popstate', onPopState);
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => {
      window.removeEventListener('popstate', onPopState);
      window.removeEventListener('beforeunload', onBeforeUnload);
    };
  }, [client, enabled]);
}

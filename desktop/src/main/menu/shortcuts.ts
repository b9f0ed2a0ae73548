/** The meeting shortcuts live in shared code: the web page handles the same keys (see the renderer's keyboardShortcuts). */
export { MEETING_SHORTCUTS } from '../../shared/meetingShortcuts.js';

import { hasOrigin } from '../urls/origins.js';

/** The only permissions Wava's own window ever gets. Everything else is denied. */
export const GRANTED_PERMISSIONS = new Set<string>([
  'media',
  'display-capture',
  'notifications',
  'fullscreen',
  // Copying an invite link with navigator.clipboard.writeText.
  'clipboard-sanitized-write',
]);

export interface PermissionQuestion {
  permission: string;
  /** The URL (or origin) of the frame asking. */
  requestingUrl: string;
  isMainFrame: boolean;
  /** True when the asking webContents belongs to Wava's main window. */
  fromOurWindow: boolean;
  /** For 'media': which kinds of device. */
  mediaTypes?: readonly string[];
}

/**
 * Answers permission requests and checks. Granted only to the main frame of our own window on our own origin,
 * only for the permissions a conferencing app needs, and for media only cameras and microphones.
 */
export function decidePermission(question: PermissionQuestion, rendererOrigin: string): boolean {
  if (!question.fromOurWindow || !question.isMainFrame) return false;
  if (!hasOrigin(question.requestingUrl, rendererOrigin)) return false;
  if (!GRANTED_PERMISSIONS.has(question.permission)) return false;
  if (question.permission === 'media' && question.mediaTypes) {
    // Permission checks (e.g. for device labels) may not say which kind: 'unknown'. Anything else is refused.
    return question.mediaTypes.every((type) => type === 'audio' || type === 'video' || type === 'unknown');
  }
  return true;
}

import type { Session, WebContents } from 'electron';
import { decidePermission } from './permissionPolicy.js';
import { hasOrigin } from '../urls/origins.js';
import type { Disposable } from '../util/Disposable.js';

export interface SessionSecurityDeps {
  rendererOrigin: string;
  contentSecurityPolicy(): string;
  /** True for the main window's webContents. */
  isMainWindow(contents: WebContents | null): boolean;
}

/**
 * The session-wide half of the checklist: the CSP header on every response from our renderer origin, and
 * permission request and check handlers that grant only what a call needs, only to our own window.
 */
export function setupSessionSecurity(session: Session, deps: SessionSecurityDeps): Disposable {
  session.webRequest.onHeadersReceived((details, callback) => {
    if (!hasOrigin(details.url, deps.rendererOrigin)) {
      callback({});
      return;
    }
    const headers = { ...details.responseHeaders };
    for (const name of Object.keys(headers)) {
      if (name.toLowerCase() === 'content-security-policy') delete headers[name];
    }
    headers['Content-Security-Policy'] = [deps.contentSecurityPolicy()];
    callback({ responseHeaders: headers });
  });

  session.setPermissionRequestHandler((contents, permission, callback, details) => {
    const frameUrl = 'requestingUrl' in details && details.requestingUrl ? details.requestingUrl : contents.getURL();
    const mediaTypes = 'mediaTypes' in details ? details.mediaTypes : undefined;
    callback(
      decidePermission(
        {
          permission,
          requestingUrl: frameUrl,
          isMainFrame: details.isMainFrame,
          fromOurWindow: deps.isMainWindow(contents),
          ...(mediaTypes ? { mediaTypes } : {}),
        },
        deps.rendererOrigin,
      ),
    );
  });

  session.setPermissionCheckHandler((contents, permission, requestingOrigin, details) =>
    decidePermission(
      {
        permission,
        requestingUrl: details.requestingUrl ?? requestingOrigin,
        isMainFrame: details.isMainFrame,
        fromOurWindow: deps.isMainWindow(contents),
        ...(details.mediaType ? { mediaTypes: [details.mediaType] } : {}),
      },
      deps.rendererOrigin,
    ),
  );

  // No plugins, no device pickers for web content.
  session.setDevicePermissionHandler(() => false);

  return {
    dispose() {
      session.webRequest.onHeadersReceived(null);
      // Without our handlers Electron would grant every permission: deny everything instead.
      session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
      session.setPermissionCheckHandler(() => false);
    },
  };
}

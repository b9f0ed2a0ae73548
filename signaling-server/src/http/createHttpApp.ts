import { LIMITS, type CreateMeetingRequest } from '@wava/protocol';
import express, { type Express, type Router } from 'express';
import type { Logger } from 'pino';
import type { Config } from '../config/Config.js';
import type { MeetingWithHost } from '../db/Storage.js';
import type { MeetingService } from '../meetings/createMeetingService.js';
import { authRoutes } from './authRoutes.js';
import { corsForApi } from './corsForApi.js';
import { errorHandler } from './errorHandler.js';
import { infoRoutes, type InfoRoutesDeps } from './infoRoutes.js';
import { meetingRoutes } from './meetingRoutes.js';
import { meetingStatusRoutes } from './meetingStatusRoutes.js';
import { requestLogger } from './requestLogger.js';
import { securityHeaders } from './securityHeaders.js';
import { sendError } from './sendError.js';
import { serveWebClient } from './serveWebClient.js';

/** What the routes need (infoRoutes' metrics token comes from `config`), and the app's own parts. */
export interface HttpAppDeps extends Omit<InfoRoutesDeps, 'metricsToken'> {
  config: Config;
  logger: Logger;
  meetings: MeetingService;
  /** Mounts the PeerJS server's HTTP part (before the web client's fallback). */
  mountPeer: (app: Express) => void;
  /** Guests and the waiting room (lobby/createWaitingRoom.ts): the guest-session route, and the new meetings' settings. */
  waitingRoom?: {
    routes: Router;
    meetingCreated(meeting: MeetingWithHost, request: CreateMeetingRequest): Promise<void>;
    meetingSeenBy(meeting: MeetingWithHost, userId: string): Promise<MeetingWithHost>;
  };
}

/** The Express application: security headers, the JSON API, PeerJS, the web client, and one error format. */
export function createHttpApp(deps: HttpAppDeps): Express {
  const { config, logger } = deps;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  app.set('etag', 'strong');

  app.use(requestLogger(logger));
  app.use(
    securityHeaders({
      https: config.publicUrl.startsWith('https:'),
      // Janus at its own public address (WAVA_SFU_PUBLIC_URLS): the web client connects there too.
      extraConnect: (config.sfu?.publicUrls ?? []).map((url) => new URL(url).origin),
    }),
  );
  app.use('/api', corsForApi(config.corsOrigins));
  app.use('/api', express.json({ limit: LIMITS.httpBodyMaxBytes, strict: true }));
  app.use(authRoutes(deps.auth));
  app.use(meetingStatusRoutes({ meetings: deps.meetings, now: deps.now }));
  if (deps.waitingRoom) app.use(deps.waitingRoom.routes);
  app.use(
    meetingRoutes({
      auth: deps.auth,
      meetings: deps.meetings,
      publicUrl: config.publicUrl,
      onCreated: deps.waitingRoom?.meetingCreated,
      seenBy: deps.waitingRoom?.meetingSeenBy,
    }),
  );
  app.use(infoRoutes({ ...deps, metricsToken: config.metricsToken }));
  app.use('/api', (_req, res) => sendError(res, 'NOT_FOUND'));
  deps.mountPeer(app);
  app.use(serveWebClient(config.webRoot, { serveSourceMaps: config.serveSourceMaps }));
  app.use(errorHandler(logger));
  return app;
}

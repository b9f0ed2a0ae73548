import type { Logger } from 'pino';
import type { Config } from '../config/Config.js';
import type { IceConfigProvider } from '../ice/createIceConfigProvider.js';
import type { MeetingService } from '../meetings/createMeetingService.js';
import type { RoomRegistry } from '../meetings/createRoomRegistry.js';
import type { Metrics } from '../observability/createMetrics.js';
import type { PeerCredentialIssuer } from '../peer/createPeerCredentials.js';
import type { WavaIo } from './socketTypes.js';

/** What the socket event handlers work with. */
export interface SignalingContext {
  io: WavaIo;
  config: Config;
  rooms: RoomRegistry;
  meetings: MeetingService;
  credentials: PeerCredentialIssuer;
  iceConfig: IceConfigProvider;
  metrics: Metrics;
  logger: Logger;
  now: () => number;
  isStopping: () => boolean;
}

import type { IncomingMessage } from 'node:http';
import type { Logger } from 'pino';
import type { SlidingWindowLimiter } from '../auth/createSlidingWindowLimiter.js';
import type { SharedWindowLimiter } from '../auth/SharedLimits.js';
import type { SeatLedger } from '../cluster/createRedisSeatLedger.js';
import type { Config } from '../config/Config.js';
import type { ChatMessageRepository } from '../db/Storage.js';
import type { IceConfigProvider } from '../ice/createIceConfigProvider.js';
import type { LobbyDeps } from '../lobby/LobbyDeps.js';
import type { HandRegistry } from '../meetings/createHandRegistry.js';
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
  /** The client's address for per-IP limits, honouring WAVA_TRUST_PROXY like the HTTP routes. */
  clientIp: (req: IncomingMessage) => string;
  /** The PeerJS server: a freed seat's websocket is closed. */
  peers: { seatFreed(peerId: string, seat: string): void };
  /** Several servers: the deployment-wide seats (the room size limit across servers). Absent: one server. */
  ledger?: SeatLedger;
  /** Peer tokens minted per account. */
  tokenLimiter: SlidingWindowLimiter;
  /** Several servers: the same limit, counted by all of them (Redis); it replaces `tokenLimiter`. */
  sharedTokenLimiter?: SharedWindowLimiter;
  /** Chat messages of meetings (the database). */
  chat: ChatMessageRepository;
  /** Raised hands of live meetings. */
  hands: HandRegistry;
  /** Guests and the waiting room. */
  lobby: LobbyDeps;
}

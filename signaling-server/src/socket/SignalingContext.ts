import type { IncomingMessage } from 'node:http';
import type { Hands } from '@wava/protocol';
import type { Logger } from 'pino';
import type { SlidingWindowLimiter } from '../auth/createSlidingWindowLimiter.js';
import type { SharedWindowLimiter } from '../auth/SharedLimits.js';
import type { SeatLedger } from '../cluster/createRedisSeatLedger.js';
import type { Config } from '../config/Config.js';
import type { ChatMessageRepository } from '../db/Storage.js';
import type { IceConfigProvider } from '../ice/createIceConfigProvider.js';
import type { LobbyDeps } from '../lobby/LobbyDeps.js';
import type { HandRegistry } from '../meetings/createHandRegistry.js';
import type { MeetingControlsStore } from '../meetings/createMeetingControls.js';
import type { MeetingService } from '../meetings/createMeetingService.js';
import type { PreSeatRegistry } from '../meetings/createPreSeatRegistry.js';
import type { PeerSeat, RoomRegistry } from '../meetings/createRoomRegistry.js';
import type { Metrics } from '../observability/createMetrics.js';
import type { SfuController } from '../sfu/createSfuController.js';
import type { PeerCredentialIssuer } from '../peer/createPeerCredentials.js';
import type { Moderator } from './createModerator.js';
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
  /**
   * Pre-seats (`meeting:prepare`) and the PeerJS gateway's promotion of one to a seat. Absent: none are handed
   * out (several servers).
   */
  prejoin?: { preSeats: PreSeatRegistry; promote(seat: PeerSeat): boolean };
  /** Chat messages of meetings (the database). */
  chat: ChatMessageRepository;
  /** Raised hands of live meetings (with several servers, in Redis). */
  hands: HandRegistry;
  /** Tells everyone in the meeting, on every server, the hands changed (`hands`: as the change left them). */
  handsChanged(meetingId: string, hands: Hands): void;
  /**
   * Several servers: tells every server (this one too) a meeting's waiting room queue changed, so each sends it to
   * its own admitters. Absent: one server, which sends it itself.
   */
  lobbyChanged?(meeting: { id: string; hostId: string }): void;
  /** What hosts decided in each meeting (the database is the state of record). */
  controls: MeetingControlsStore;
  /** Carries out host actions where the seats are, and passes hosting on. */
  moderator: Moderator;
  /** Mesh or SFU, per meeting (src/sfu): told about seats becoming ready and freed. */
  sfu: SfuController;
  /** Guests and the waiting room. */
  lobby: LobbyDeps;
}

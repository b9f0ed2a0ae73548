import type { AuthStore, Platform } from '../platform/Platform.js';
import type { Logger } from '../util/logger.js';
import type { LocalMedia } from './localMedia.js';
import type { PeerFactory } from './peerLike.js';
import type { ReconnectPolicy } from './reconnectPolicy.js';
import type { SignalingChannel } from './signalingChannel.js';

/** What one meeting (`MeetingClient`) is built from; tests supply their own links, Peers and timings. */
export interface MeetingClientOptions {
  platform: Platform;
  serverUrl: string;
  code: string;
  media: LocalMedia;
  policy?: ReconnectPolicy;
  /** How long one call may take to connect before it is replaced by a new one. */
  connectTimeoutMs?: number;
  /**
   * How long media to someone may stay down while Wava re-dials by itself (the tile says reconnecting)
   * before the tile says it cannot connect; re-dialling goes on in the background.
   */
  giveUpAfterMs?: number;
  /** How long a participant whose call still flows is kept after a server restart until they rejoin. */
  rejoinGraceMs?: number;
  createPeer?: PeerFactory;
  /** The link to our server; Socket.io (`MeetingSignaling`) unless a test supplies its own. */
  createSignaling?: (serverUrl: string, auth: AuthStore) => SignalingChannel;
  /** Where what the person need not see is reported; the console unless a test supplies its own. */
  logger?: Logger;
}

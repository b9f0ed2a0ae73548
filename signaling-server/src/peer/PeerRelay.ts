import type { ServerPeerMessage } from './peerMessageTypes.js';

/** Signalling stamped with its sender, for one destination peer. */
export type RemotePeerMessage = ServerPeerMessage & { src: string; dst: string };

/**
 * How the PeerJS server reaches peers connected to other servers of the deployment (createRedisPeerRelay).
 * Without one, only the peers of this server are reachable (one server).
 */
export interface PeerRelay {
  /** A peer's websocket opened on this server. */
  attached(peerId: string): void;
  /** It closed. */
  detached(peerId: string): void;
  /** Sends to the server holding `dst`; false when no server holds it. */
  forward(message: RemotePeerMessage): Promise<boolean>;
  /** Where messages for this server's peers arrive. */
  onMessage(handler: (message: RemotePeerMessage) => void): void;
}

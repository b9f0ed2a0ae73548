import { Peer } from 'peerjs';
import type { PeerConnectOptions, PeerLike } from './peerLike.js';

/**
 * The real PeerJS Peer, on our own PeerServer only: host, path, key and token come from our server,
 * and `config` is exactly the server's ICE configuration, never PeerJS's public defaults.
 */
export function createPeerJsPeer(id: string, options: PeerConnectOptions): PeerLike {
  return new Peer(id, {
    host: options.host,
    port: options.port,
    secure: options.secure,
    path: options.path,
    key: options.key,
    token: options.token,
    config: options.config,
    debug: 1,
  });
}

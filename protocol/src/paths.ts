/** Where the server's Socket.io endpoint listens (Socket.io's default path), also for its websocket upgrades. */
export const SOCKET_IO_PATH = '/socket.io';

/**
 * Where the server's PeerJS endpoint is mounted. Clients pass it as PeerJS's `path`; the websocket itself is at
 * `${PEER_PATH}/peerjs`.
 */
export const PEER_PATH = '/peerjs';

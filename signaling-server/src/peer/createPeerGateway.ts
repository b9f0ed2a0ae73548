import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Express } from 'express';
import { ExpressPeerServer } from 'peer';
import type { Logger } from 'pino';
import { WebSocketServer, type WebSocket } from 'ws';
import { sendError } from '../http/sendError.js';
import type { Metrics } from '../observability/createMetrics.js';
import type { PeerCredentialIssuer } from './createPeerCredentials.js';
import { inspectPeerMessage } from './inspectPeerMessage.js';
import { rejectUpgrade } from './rejectUpgrade.js';

export const PEER_PATH = '/peerjs';
const PEER_SOCKET_PATH = `${PEER_PATH}/peerjs`;
/** SDP offers and ICE candidates are a few KiB; nothing legitimate comes near this. */
const MAX_MESSAGE_BYTES = 64 * 1024;

export interface PeerGateway {
  /** Mounts PeerJS's HTTP side at /peerjs (only its info page answers; ids are issued by us). */
  mount(app: Express): void;
  /** Takes a websocket upgrade for /peerjs/peerjs after checking its id and token; false when the path is not ours. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  /** Closes the PeerJS websocket of one peer id, if it is open (its owner was signed out). */
  disconnect(peerId: string): void;
  /** Stops accepting and closes every PeerJS websocket. */
  close(): void;
}

/**
 * The self-hosted PeerJS server (`peer`), on our HTTP server. Its websocket server has no server of its own
 * (`noServer`); we route upgrades to it, so Socket.io keeps its own path. A connection needs a peer id and
 * token we issued (see createPeerCredentials); each client's messages may only address its own meeting.
 */
export function createPeerGateway(deps: {
  httpServer: HttpServer;
  credentials: PeerCredentialIssuer;
  metrics: Metrics;
  logger: Logger;
}): PeerGateway {
  const { httpServer, credentials, metrics, logger } = deps;
  let wss: WebSocketServer | null = null;
  let closing = false;
  const open = new Map<string, WebSocket>();

  const peerApp = ExpressPeerServer(httpServer, {
    path: '/',
    key: credentials.key,
    allow_discovery: false,
    alive_timeout: 30_000,
    corsOptions: { origin: false },
    createWebSocketServer: () => {
      wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
      return wss;
    },
  });
  // Without a listener, an 'error' (a bad frame, unparsable JSON) would be thrown and crash the process.
  peerApp.on('error', (error) => logger.debug({ err: error }, 'peer server error'));
  peerApp.on('connection', (client) => logger.debug({ peerId: client.getId() }, 'peer connected'));
  peerApp.on('disconnect', (client) => logger.debug({ peerId: client.getId() }, 'peer disconnected'));

  function accept(req: IncomingMessage, socket: Duplex, head: Buffer, peerId: string, tag: string): void {
    const server = wss;
    if (!server || closing) return rejectUpgrade(socket, 503);
    server.handleUpgrade(req, socket, head, (ws) => {
      open.set(peerId, ws);
      ws.on('close', () => {
        if (open.get(peerId) === ws) open.delete(peerId);
      });
      filterMessages(ws, tag);
      server.emit('connection', ws, req);
    });
  }

  function filterMessages(ws: WebSocket, senderTag: string): void {
    const emit = ws.emit.bind(ws) as (event: string, ...args: unknown[]) => boolean;
    (ws as unknown as { emit: typeof emit }).emit = (event, ...args) => {
      if (event === 'message') {
        const verdict = inspectPeerMessage(args[0], args[1] === true, senderTag, credentials.meetingTagOf);
        if (verdict !== 'ok') {
          metrics.peerMessageDropped(verdict);
          return false;
        }
      }
      return emit(event, ...args);
    };
  }

  return {
    mount(app) {
      app.use(PEER_PATH, (req, res, next) => (req.path === '/' ? next() : sendError(res, 'NOT_FOUND')));
      app.use(PEER_PATH, peerApp);
    },
    handleUpgrade(req, socket, head) {
      // `GET //a:b` is a valid request target but not a valid URL: it is not ours, and must not throw here.
      const url = URL.canParse(req.url ?? '/', 'http://localhost') ? new URL(req.url ?? '/', 'http://localhost') : null;
      if (url?.pathname !== PEER_SOCKET_PATH) return false;
      const id = url.searchParams.get('id') ?? '';
      const token = url.searchParams.get('token') ?? '';
      const key = url.searchParams.get('key') ?? '';
      if (closing) {
        rejectUpgrade(socket, 503);
        return true;
      }
      const check = key === credentials.key ? credentials.verify(id, token) : null;
      const tag = credentials.meetingTagOf(id);
      if (!check?.ok || !tag) {
        metrics.peerConnectionRefused();
        logger.info({ reason: check?.ok === false ? check.reason : 'bad-key' }, 'peer connection refused');
        rejectUpgrade(socket, 401);
        return true;
      }
      const previous = open.get(id);
      if (!previous) {
        accept(req, socket, head, id, tag);
        return true;
      }
      // The same peer id reconnecting (new token) replaces its old connection, once that is really gone.
      // Meanwhile nobody else listens on this socket: an error must not become an uncaught exception.
      const destroyOnError = () => socket.destroy();
      socket.on('error', destroyOnError);
      previous.once('close', () =>
        setImmediate(() => {
          socket.off('error', destroyOnError);
          accept(req, socket, head, id, tag);
        }),
      );
      previous.terminate();
      return true;
    },
    disconnect(peerId) {
      open.get(peerId)?.close(1008, 'signed out');
    },
    close() {
      closing = true;
      for (const ws of open.values()) ws.terminate();
      open.clear();
      wss?.close();
    },
  };
}

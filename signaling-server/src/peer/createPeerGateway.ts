import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { PEER_PATH } from '@wava/protocol';
import type { Express } from 'express';
import type { Logger } from 'pino';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { PeerLimits } from '../config/Config.js';
import { createListeners, type Unsubscribe } from '../events/createListeners.js';
import { sendError } from '../http/sendError.js';
import type { PreSeatRegistry } from '../meetings/createPreSeatRegistry.js';
import type { PeerSeat, RoomRegistry } from '../meetings/createRoomRegistry.js';
import type { Metrics } from '../observability/createMetrics.js';
import { answerPingsWithinLimits } from '../net/answerPingsWithinLimits.js';
import { createTokenBucket } from '../socket/createTokenBucket.js';
import type { PeerCredentialIssuer } from './createPeerCredentials.js';
import { createPeerMessageHandlers } from './createPeerMessageHandlers.js';
import { parsePeerUpgrade } from './parsePeerUpgrade.js';
import { PeerClient } from './PeerClient.js';
import { clientPeerMessageSchema, type ClientPeerMessage } from './peerMessageTypes.js';
import { PeerRealm } from './PeerRealm.js';
import type { PeerRelay } from './PeerRelay.js';
import { rejectUpgrade } from './rejectUpgrade.js';

const PEER_SOCKET_PATH = `${PEER_PATH}/peerjs`;
/** SDP offers and ICE candidates are a few KiB; nothing legitimate comes near this (a bigger frame: 1009). */
const MAX_MESSAGE_BYTES = 64 * 1024;
/** What may wait for a receiver that does not read before its socket is dropped. */
export const MAX_BUFFERED_BYTES = 1024 * 1024;
/** PeerJS clients send HEARTBEAT every 5 s; a socket silent this long is closed. */
const IDLE_TIMEOUT_MS = 30_000;
const IDLE_CHECK_MS = 5_000;

/** What the PeerJS websocket of a seat not ready yet (several servers) may have waiting: a few offers' worth. */
const MAX_HELD_MESSAGES = 32;
const MAX_HELD_BYTES = MAX_MESSAGE_BYTES;

/** Several servers: seats held through the others, and the signalling between their peers. */
export interface PeerCluster {
  /** Whether this is a live seat on any server (the deployment's seat ledger). */
  isLive(seat: PeerSeat): Promise<boolean>;
  /** Whether this exact seat is live and ready (the ledger): its websocket may signal. */
  isReady(seat: PeerSeat): Promise<boolean>;
  relay: PeerRelay;
}

/** Several servers: what a PeerJS websocket sent before its seat was ready, and whether the ledger is asked. */
interface Waiting {
  held: ClientPeerMessage[];
  bytes: number;
  asking: boolean;
}

export interface PeerGateway {
  /** Answers HTTP requests under /peerjs with 404: ids are issued by us, and nobody lists peers. */
  mount(app: Express): void;
  /** Takes a websocket upgrade for /peerjs/peerjs after checking it; false when the path is not ours. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  /** Closes the PeerJS websocket of one seat or pre-seat, if open (it was freed). */
  seatFreed(peerId: string, seat: string): void;
  /**
   * The pre-seat became its connection's seat (one server), or the seat became ready in the ledger (several
   * servers): its websocket, if open now, may signal from here on (true; with several servers, what it sent while
   * it waited goes out now, in order); false when it is not open (the seat then waits for it as any seat does).
   */
  promote(seat: PeerSeat): boolean;
  /** A seat's PeerJS websocket opened: the seat becomes ready. */
  onSeatOpened(listener: (seat: PeerSeat) => void): Unsubscribe;
  /**
   * A seat's PeerJS websocket closed by itself (not for a freed or replaced seat) and did not open again within
   * `limits.readyTimeoutMs`: the seat is abandoned. A client whose websocket drops (network change, restart)
   * reconnects with a fresh token well within that time, which cancels it.
   */
  onSeatAbandoned(listener: (seat: PeerSeat) => void): Unsubscribe;
  /** PeerJS websockets open now. */
  connections(): number;
  /** Stops accepting and closes every PeerJS websocket. */
  close(): void;
}

/**
 * Our PeerJS server: the server side of the PeerJS protocol on a `ws` server without a server of its own
 * (`noServer`; createServer routes upgrades). A websocket opens only for a live seat's token; each has a
 * message rate, a byte budget and a bound on what waits for it; messages only reach peers of the sender's
 * meeting that are connected now.
 */
export function createPeerGateway(deps: {
  credentials: PeerCredentialIssuer;
  /** Which seats are live: a websocket opens only for one. */
  rooms: Pick<RoomRegistry, 'live'>;
  /** Pre-seats (`meeting:prepare`): a websocket opens for one too, inert until it becomes the seat. */
  preSeats?: Pick<PreSeatRegistry, 'live'>;
  limits: PeerLimits;
  metrics: Metrics;
  logger: Logger;
  now: () => number;
  /** Several servers: seats and peers of the others. Absent: only this server's. */
  cluster?: PeerCluster;
}): PeerGateway {
  const { credentials, rooms, limits, metrics, logger, now, cluster, preSeats } = deps;
  const isPreSeat = (seat: PeerSeat) => preSeats?.live(seat) !== undefined;
  const relay = cluster?.relay;
  const seatOpened = createListeners<[seat: PeerSeat]>();
  const seatAbandoned = createListeners<[seat: PeerSeat]>();
  /** Seats whose websocket closed by itself, by peer id, until it opens again, the seat is freed, or time is up. */
  const closedSeats = new Map<string, NodeJS.Timeout>();
  const stopWaiting = (peerId: string) => {
    clearTimeout(closedSeats.get(peerId));
    closedSeats.delete(peerId);
  };
  const waitForReopen = (seat: PeerSeat) => {
    stopWaiting(seat.peerId);
    const timer = setTimeout(() => {
      closedSeats.delete(seat.peerId);
      logger.info({ peerId: seat.peerId }, 'seat abandoned: its PeerJS connection stayed closed');
      seatAbandoned.emit(seat);
    }, limits.readyTimeoutMs);
    timer.unref();
    closedSeats.set(seat.peerId, timer);
  };
  // No automatic pongs: pings are answered within the client's limits (answerPingsWithinLimits).
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_MESSAGE_BYTES,
    perMessageDeflate: false,
    autoPong: false,
  });
  const realm = new PeerRealm();
  const handle = createPeerMessageHandlers({ realm, tagOf: credentials.meetingTagOf, relay });
  /**
   * Several servers: what each websocket sent before its seat was ready in the ledger (a seat refused then, the
   * meeting full, must reach nobody), and whether the ledger is being asked. Sent on `promote`, dropped on close.
   */
  const waiting = new Map<PeerClient, Waiting>();
  relay?.onMessage((message) => {
    const destination = realm.get(message.dst);
    if (destination && !destination.isClosed) destination.send(message);
  });
  /** Forgets a client if it is still the one registered under its id. */
  const forget = (client: PeerClient): boolean => {
    waiting.delete(client);
    if (!realm.delete(client)) return false;
    relay?.detached(client.id);
    return true;
  };
  let closing = false;

  const idleCheck = setInterval(() => {
    const cutoff = performance.now() - IDLE_TIMEOUT_MS;
    for (const client of realm.all()) if (client.lastSeenAt < cutoff) client.close('idle');
  }, IDLE_CHECK_MS);
  idleCheck.unref();

  function refuse(socket: Duplex, status: number, reason: string): true {
    metrics.peerConnectionRefused();
    logger.info({ reason }, 'peer connection refused');
    rejectUpgrade(socket, status);
    return true;
  }

  function onMessage(client: PeerClient, data: RawData, isBinary: boolean): void {
    // A socket we closed (seat freed, replaced) may still deliver what was in flight: it goes nowhere.
    if (client.isClosed) return;
    client.lastSeenAt = performance.now();
    const bytes = Array.isArray(data) ? data.reduce((n, b) => n + b.length, 0) : data.byteLength;
    if (!client.allows(bytes)) {
      metrics.peerMessageDropped('rate-limited');
      client.close('rateLimited');
      return;
    }
    let parsed: unknown;
    try {
      parsed = isBinary ? undefined : JSON.parse(String(data));
    } catch {
      parsed = undefined;
    }
    const message = clientPeerMessageSchema.safeParse(parsed);
    if (!message.success) return metrics.peerMessageDropped('malformed');
    const wait = waiting.get(client);
    if (wait && message.data.type !== 'HEARTBEAT') return hold(client, wait, message.data, bytes);
    deliver(client, message.data);
  }

  function deliver(client: PeerClient, message: ClientPeerMessage): void {
    try {
      const outcome = handle(client, message);
      if (outcome !== 'ok') metrics.peerMessageDropped(outcome);
    } catch (error) {
      // A message listener that throws would take the process down: log it and drop the message.
      logger.error({ err: error, peerId: client.id }, 'peer message failed');
      metrics.peerMessageDropped('malformed');
    }
  }

  /**
   * Several servers: signalling from a seat the ledger has not made ready waits for it (its `promote`, from the
   * server that made it ready). The ledger is asked too, in case that news comes after the client's message (it
   * took another path) or never (an older server).
   */
  function hold(client: PeerClient, wait: Waiting, message: ClientPeerMessage, bytes: number): void {
    if (wait.held.length >= MAX_HELD_MESSAGES || wait.bytes + bytes > MAX_HELD_BYTES) {
      return metrics.peerMessageDropped('not-seated');
    }
    wait.held.push(message);
    wait.bytes += bytes;
    if (wait.asking || !cluster) return;
    wait.asking = true;
    const seat: PeerSeat = { peerId: client.id, userId: client.userId, meetingId: client.meetingId, seat: client.seat };
    cluster.isReady(seat).then(
      (ready) => {
        wait.asking = false;
        if (ready) release(client);
      },
      (error: unknown) => {
        wait.asking = false;
        logger.warn({ err: error, peerId: client.id }, 'seat readiness check failed');
      },
    );
  }

  /** The client's seat is ready: it may signal, and what it sent meanwhile goes out in order. */
  function release(client: PeerClient): void {
    const wait = waiting.get(client);
    client.seated = true;
    if (!wait) return;
    waiting.delete(client);
    for (const message of wait.held) if (!client.isClosed) deliver(client, message);
  }

  function accept(ws: WebSocket, seat: PeerSeat, tag: string): void {
    // Several servers hold no pre-seats: a checked token there is a seat's, which signals once the ledger has it
    // ready (a seat refused then, the meeting full, reaches nobody). One server: a seat is ready once open here.
    const isSeat = Boolean(cluster) || rooms.live(seat) !== undefined;
    const seated = !cluster && isSeat;
    const client = new PeerClient(seat.peerId, seat.userId, seat.meetingId, seat.seat, tag, ws, {
      messages: createTokenBucket(limits.messageBurst, limits.messagesPerSecond, now),
      bytes: createTokenBucket(limits.bytesPerSecond * 4, limits.bytesPerSecond, now),
      maxBufferedBytes: MAX_BUFFERED_BYTES,
    });
    client.seated = seated;
    if (cluster) waiting.set(client, { held: [], bytes: 0, asking: false });
    ws.on('error', (error) => logger.debug({ err: error, peerId: seat.peerId }, 'peer socket error'));
    ws.on('close', () => {
      if (!forget(client)) return;
      logger.debug({ peerId: seat.peerId }, 'peer disconnected');
      if (!closing && (client.seated || cluster)) waitForReopen(seat);
    });
    ws.on('message', (data, isBinary) => onMessage(client, data, isBinary));
    answerPingsWithinLimits(ws, (bytes) => client.allows(bytes), MAX_BUFFERED_BYTES);
    stopWaiting(seat.peerId);
    realm.set(client)?.close('replaced');
    relay?.attached(client.id);
    client.send({ type: 'OPEN' });
    if (isSeat) seatOpened.emit(seat);
    logger.debug({ peerId: seat.peerId, seated }, 'peer connected');
  }

  return {
    mount(app) {
      app.use(PEER_PATH, (_req, res) => sendError(res, 'NOT_FOUND'));
    },
    handleUpgrade(req, socket, head) {
      // `GET //a:b` is a valid request target but not a valid URL: it is not ours, and must not throw here.
      const raw = req.url ?? '/';
      const url = URL.canParse(raw, 'http://localhost') ? new URL(raw, 'http://localhost') : null;
      if (url?.pathname !== PEER_SOCKET_PATH) return false;
      if (closing) return refuse(socket, 503, 'stopping');
      const params = parsePeerUpgrade(url, raw);
      if (!params) return refuse(socket, 400, 'malformed-query');
      const check = params.key === credentials.key ? credentials.verify(params.id, params.token) : null;
      const tag = credentials.meetingTagOf(params.id);
      if (!check?.ok || !check.seat || !tag) {
        return refuse(socket, 401, check?.ok === false ? check.reason : check ? 'no-seat' : 'bad-key');
      }
      const seat: PeerSeat = { peerId: params.id, userId: check.userId, meetingId: check.meetingId, seat: check.seat };
      // A seat of this server is checked here; one held through another server, in the ledger.
      const here = rooms.live(seat) !== undefined || isPreSeat(seat);
      if (here || !cluster) return upgradeSeat(req, socket, head, seat, tag, here);
      cluster.isLive(seat).then(
        (isLive) => upgradeSeat(req, socket, head, seat, tag, isLive),
        (error: unknown) => {
          logger.warn({ err: error }, 'seat check failed');
          refuse(socket, 503, 'seat-check-failed');
        },
      );
      return true;
    },
    seatFreed(peerId, seat) {
      stopWaiting(peerId);
      const client = realm.get(peerId);
      if (client?.seat !== seat) return;
      forget(client);
      client.close('seatFreed');
    },
    promote(seat) {
      const client = realm.get(seat.peerId);
      if (!client || client.isClosed || client.seat !== seat.seat || client.userId !== seat.userId) return false;
      release(client);
      return true;
    },
    onSeatOpened: seatOpened.add,
    onSeatAbandoned: seatAbandoned.add,
    connections: () => realm.size,
    close() {
      closing = true;
      clearInterval(idleCheck);
      for (const peerId of [...closedSeats.keys()]) stopWaiting(peerId);
      for (const client of realm.all()) {
        forget(client);
        client.terminate();
      }
      wss.close();
    },
  };

  /** The upgrade of a checked token, once we know whether its seat is live. */
  function upgradeSeat(
    req: IncomingMessage,
    socket: Duplex,
    head: Buffer,
    seat: PeerSeat,
    tag: string,
    isLive: boolean,
  ) {
    if (!isLive) return refuse(socket, 401, 'seat-gone');
    if (closing) return refuse(socket, 503, 'stopping');
    // The socket may have gone while Redis answered.
    if (!socket.writable) {
      socket.destroy();
      return true;
    }
    const replacing = realm.get(seat.peerId)?.userId === seat.userId ? 1 : 0;
    if (realm.countOf(seat.userId) - replacing >= limits.connectionsPerUser) return refuse(socket, 429, 'per-user');
    if (realm.size - replacing >= limits.maxConnections) return refuse(socket, 503, 'server-full');
    wss.handleUpgrade(req, socket, head, (ws) => {
      // The handshake may finish after the seat was freed or the server began stopping.
      // (Where the answer is Redis's, it was given a moment ago; the seat's readiness checks it again.)
      if (closing || (!cluster && !rooms.live(seat) && !isPreSeat(seat))) {
        ws.terminate();
        return;
      }
      accept(ws, seat, tag);
    });
    return true;
  }
}

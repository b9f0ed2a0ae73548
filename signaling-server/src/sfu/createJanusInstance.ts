import { createHmac } from 'node:crypto';
import pLimit from 'p-limit';
import type { Logger } from 'pino';
import type { TalkingThreshold } from '../config/Config.js';
import { createListeners, type Unsubscribe } from '../events/createListeners.js';
import {
  ADMIN_REQUESTS_IN_FLIGHT,
  listClientHandles,
  type ClientHandle,
  type ClientListing,
} from './listClientHandles.js';
import { watchRoom, type RoomWatch } from './watchRoom.js';
import {
  JANUS_ADMIN_PROTOCOL,
  JANUS_PROTOCOL,
  JanusError,
  openJanusSocket,
  type JanusMessage,
  type JanusSocket,
} from './openJanusSocket.js';

const VIDEOROOM = 'janus.plugin.videoroom';
/** Janus's core answers when it no longer knows our session or handle: it restarted since our last keepalive. */
const SESSION_LOST = new Set([458, 459]);
/** VideoRoom's answer about a room it does not have (JANUS_VIDEOROOM_ERROR_NO_SUCH_ROOM). */
const NO_SUCH_ROOM = 426;

/** Whether a request failed because Janus does not have the room (destroyed behind our back, or Janus restarted). */
export function isRoomMissing(error: unknown): boolean {
  return error instanceof JanusError && error.code === NO_SUCH_ROOM;
}
/** Janus ends a session after 60 s without a request (`session_timeout`); ours sends a keepalive well before. */
const KEEPALIVE_MS = 20_000;
const RETRY_MIN_MS = 500;
const RETRY_MAX_MS = 15_000;

/*
 * Who talks, in SFU mode (the tiles' speaking ring and the active speaker, and last-N), is Janus's word: every
 * sender puts its audio level (0 the loudest to 127 silence, in -dBov) in each packet, and Janus averages them
 * over a window and tells every publisher of the room `talking` / `stopped-talking` when the average crosses the
 * threshold. Janus's defaults (100 packets, below 25) ask for an average louder than -25 dBov over 2 s, which
 * speech with its pauses between words seldom reaches (the pauses count as silence, 127). Measured in Chromium
 * through its audio processing: steady speech-like sound averages 25 to 31 over each second, the fake
 * microphone's beep (a short sound every second, like typing or a cough) about 70. So the defaults of
 * WAVA_SFU_TALKING_PACKETS and WAVA_SFU_TALKING_LEVEL (config/envSchema.ts): a window of 50 packets (1 s: Opus
 * sends a packet every 20 ms), and talking below 50.
 */

/** Where one Janus instance is, and the secret the Wava server holds for it (WAVA_SFU_SECRET). */
export interface JanusEndpoint {
  /** The Janus API websocket the Wava server (and its `/sfu` proxy) connects to. */
  url: string;
  adminUrl: string;
  /** What clients are told to connect to instead of the `/sfu` proxy; null: the proxy. */
  publicUrl: string | null;
  secret: string;
}

export type { RoomWatch } from './watchRoom.js';
export type { ClientHandle, ClientListing } from './listClientHandles.js';

export interface RoomOptions {
  /** Most publishers at once (the meeting's SFU size limit). */
  publishers: number;
  /** Tokens allowed to join at creation. */
  allowed: readonly string[];
}

/**
 * One Janus instance as the Wava server uses it: its own session with a VideoRoom handle (api_secret), the
 * admin API (tokens), and whether it is reachable. It reconnects by itself with backoff; on every (re)connect
 * it removes tokens and rooms a previous Wava process left behind, unless several Wava servers share it (Redis).
 */
export interface JanusInstance {
  readonly endpoint: JanusEndpoint;
  isUp(): boolean;
  /** Went down: its rooms and tokens are gone for practical purposes. */
  onDown(listener: () => void): Unsubscribe;
  onUp(listener: () => void): Unsubscribe;
  createRoom(room: string, options: RoomOptions): Promise<void>;
  destroyRoom(room: string): Promise<void>;
  /** Adds tokens to a room's allowed list (`allowed` `add`) and to Janus's stored tokens (`add_token`). */
  allow(room: string, tokens: readonly string[]): Promise<void>;
  /**
   * Removes tokens everywhere (ADMIN_REQUESTS_IN_FLIGHT admin requests at a time) and kicks `publisherId` out of
   * the room when given. A token Janus fails to remove does not stop the others, nor its removal from the room's
   * allowed list: the whole revocation rejects once done, saying how many failed.
   */
  revoke(room: string, tokens: readonly string[], publisherId?: string): Promise<void>;
  /** Whether Janus still takes this token (admin `list_tokens`). */
  hasToken(token: string): Promise<boolean>;
  /** Every client handle on this instance, with its token and VideoRoom participant, and the empty sessions. */
  listClients(): Promise<ClientListing>;
  /** Detaches one handle (admin `detach_handle`): its participant leaves the room, its PeerConnection closes. */
  detachHandle(handle: Pick<ClientHandle, 'sessionId' | 'handleId'>): Promise<void>;
  /** Ends one client session (admin `destroy_session`): nothing is left for its owner to attach to again. */
  destroySession(sessionId: number): Promise<void>;
  /** The ids of the room's participants (publishers or not). */
  participants(room: string): Promise<string[]>;
  /** Stops (`mute`) or resumes forwarding one published stream (VideoRoom `moderate`, with the room secret). */
  moderate(room: string, publisherId: string, mid: string, mute: boolean): Promise<void>;
  /**
   * Joins the room as a participant of the server's own that publishes nothing, to hear of every publisher's
   * streams (`publishers` of the `joined` answer and of later events): see watchRoom.
   */
  watch(
    room: string,
    onPublishers: (publishers: unknown) => void,
    onJoining?: (id: string) => void,
  ): Promise<RoomWatch>;
  /** Connects (resolves once up, or after the first failure; it keeps retrying in the background). */
  start(): Promise<void>;
  close(): void;
}

/** The per-room secret (edit, kick, destroy): derived, so rooms left by a crashed process can still be destroyed. */
export function roomSecret(secret: string, room: string): string {
  return createHmac('sha256', secret).update(`wava-room:${room}`).digest('base64url');
}

export function createJanusInstance(
  endpoint: JanusEndpoint,
  logger: Logger,
  setup: {
    /** Wipe what a previous Wava process left (false when several Wava servers share the instance). */
    cleanUp: boolean;
    /** Each room's talking detection (WAVA_SFU_TALKING_PACKETS, WAVA_SFU_TALKING_LEVEL). */
    talking: TalkingThreshold;
  },
): JanusInstance {
  const log = logger.child({ sfu: endpoint.url });
  const downs = createListeners<[]>();
  const ups = createListeners<[]>();
  let api: JanusSocket | null = null;
  let admin: JanusSocket | null = null;
  let sessionId = 0;
  let handleId = 0;
  let up = false;
  let closed = false;
  let keepalive: NodeJS.Timeout | undefined;
  let retry: NodeJS.Timeout | undefined;
  let retryMs = RETRY_MIN_MS;

  const secret = { apisecret: endpoint.secret };

  async function connect(): Promise<void> {
    try {
      const nextApi = await openJanusSocket(endpoint.url, JANUS_PROTOCOL, 5_000);
      const nextAdmin = await openJanusSocket(endpoint.adminUrl, JANUS_ADMIN_PROTOCOL, 5_000).catch((error) => {
        nextApi.close();
        throw error;
      });
      api = nextApi;
      admin = nextAdmin;
      const session = await api.request({ janus: 'create', ...secret });
      sessionId = Number(session.data?.id);
      const handle = await api.request({ janus: 'attach', session_id: sessionId, plugin: VIDEOROOM, ...secret });
      handleId = Number(handle.data?.id);
      if (setup.cleanUp) await cleanUp();
      for (const socket of [api, admin]) socket.onClose(() => wentDown('connection closed'));
      keepalive = setInterval(() => {
        api?.request({ janus: 'keepalive', session_id: sessionId, ...secret }).catch((error: unknown) => {
          wentDown(`keepalive failed: ${String(error)}`);
        });
      }, KEEPALIVE_MS);
      keepalive.unref();
      up = true;
      retryMs = RETRY_MIN_MS;
      log.info('SFU instance up');
      ups.emit();
    } catch (error) {
      api?.close();
      admin?.close();
      api = admin = null;
      log.warn({ err: error }, 'SFU instance unreachable; retrying');
      scheduleRetry();
    }
  }

  function scheduleRetry(): void {
    if (closed) return;
    clearTimeout(retry);
    retry = setTimeout(() => void connect(), retryMs);
    retry.unref();
    retryMs = Math.min(retryMs * 2, RETRY_MAX_MS);
  }

  function wentDown(reason: string): void {
    clearInterval(keepalive);
    api?.close();
    admin?.close();
    api = admin = null;
    if (!up) return;
    up = false;
    log.warn({ reason }, 'SFU instance down');
    downs.emit();
    scheduleRetry();
  }

  /** Tokens and rooms a previous Wava process left behind. */
  async function cleanUp(): Promise<void> {
    const tokens = await adminRequest({ janus: 'list_tokens' });
    const listed = ((tokens.data?.tokens ?? []) as { token?: unknown }[]).map((entry) => entry.token);
    for (const token of listed) {
      if (typeof token === 'string') await adminRequest({ janus: 'remove_token', token });
    }
    const rooms = await roomRequest({ request: 'list', admin_key: endpoint.secret });
    const list = (rooms.plugindata?.data.list ?? []) as { room?: unknown }[];
    for (const { room } of list) {
      if (typeof room === 'string') await destroy(room);
    }
  }

  function requireUp(): { api: JanusSocket; admin: JanusSocket } {
    if (!api || !admin) throw new Error(`SFU instance ${endpoint.url} is down`);
    return { api, admin };
  }

  function adminRequest(message: Record<string, unknown>): Promise<JanusMessage> {
    return requireUp().admin.request({ ...message, admin_secret: endpoint.secret });
  }

  /**
   * A VideoRoom request on our handle. Janus answering that it knows neither our session nor our handle means it
   * restarted between two keepalives (behind a proxy that kept our websocket open, say): its rooms and tokens
   * are gone, so the instance is dead to us until we connect again, as when its websocket closes.
   */
  function roomRequest(body: Record<string, unknown>): Promise<JanusMessage> {
    const request = requireUp().api.request({
      janus: 'message',
      session_id: sessionId,
      handle_id: handleId,
      body,
      ...secret,
    });
    return request.catch((error: unknown) => {
      if (error instanceof JanusError && SESSION_LOST.has(error.code))
        wentDown(`Janus lost our session: ${error.message}`);
      throw error;
    });
  }

  async function destroy(room: string): Promise<void> {
    await roomRequest({ request: 'destroy', room, secret: roomSecret(endpoint.secret, room) });
  }

  return {
    endpoint,
    isUp: () => up,
    onDown: downs.add,
    onUp: ups.add,
    async createRoom(room, options) {
      await roomRequest({
        request: 'create',
        room,
        admin_key: endpoint.secret,
        secret: roomSecret(endpoint.secret, room),
        description: 'wava',
        is_private: true,
        permanent: false,
        publishers: options.publishers,
        allowed: [...options.allowed],
        // Active speaker in SFU mode: VideoRoom's `talking` / `stopped-talking` events.
        audiolevel_event: true,
        audio_active_packets: setup.talking.packets,
        audio_level_average: setup.talking.level,
        // A subscription names the private_id its owner got as a publisher of this very room.
        require_pvtid: true,
        // Recording (a publisher's `configure` with `record` and a `filename`, a path on the SFU's host) only with
        // the room secret, which clients never get: no participant makes the SFU write files.
        lock_record: true,
        notify_joining: true,
        videocodec: 'vp8',
        fir_freq: 10,
      });
      for (const token of options.allowed) {
        await adminRequest({ janus: 'add_token', token, plugins: [VIDEOROOM] });
      }
    },
    async destroyRoom(room) {
      await destroy(room);
    },
    async allow(room, tokens) {
      if (tokens.length === 0) return;
      for (const token of tokens) await adminRequest({ janus: 'add_token', token, plugins: [VIDEOROOM] });
      await roomRequest({
        request: 'allowed',
        room,
        secret: roomSecret(endpoint.secret, room),
        action: 'add',
        allowed: [...tokens],
      });
    },
    async revoke(room, tokens, publisherId) {
      const limit = pLimit(ADMIN_REQUESTS_IN_FLIGHT);
      const removals = await Promise.allSettled(
        tokens.map((token) => limit(() => adminRequest({ janus: 'remove_token', token }))),
      );
      const failed = removals.flatMap((removal) => (removal.status === 'rejected' ? [removal.reason as unknown] : []));
      if (tokens.length > 0) {
        await roomRequest({
          request: 'allowed',
          room,
          secret: roomSecret(endpoint.secret, room),
          action: 'remove',
          allowed: [...tokens],
        });
      }
      if (publisherId !== undefined) {
        await roomRequest({ request: 'kick', room, secret: roomSecret(endpoint.secret, room), id: publisherId }).catch(
          () => undefined, // not (or no longer) in the room
        );
      }
      if (failed.length > 0) {
        throw new AggregateError(failed, `${failed.length} of ${tokens.length} SFU tokens could not be removed`);
      }
    },
    listClients: () => listClientHandles(adminRequest),
    async hasToken(token) {
      const listed = await adminRequest({ janus: 'list_tokens' });
      return ((listed.data?.tokens ?? []) as { token?: unknown }[]).some((entry) => entry.token === token);
    },
    async detachHandle({ sessionId, handleId }) {
      await adminRequest({ janus: 'detach_handle', session_id: sessionId, handle_id: handleId });
    },
    async destroySession(sessionId) {
      await adminRequest({ janus: 'destroy_session', session_id: sessionId });
    },
    async participants(room) {
      const answer = await roomRequest({ request: 'listparticipants', room });
      const list = (answer.plugindata?.data.participants ?? []) as { id?: unknown }[];
      return list.flatMap(({ id }) => (typeof id === 'string' ? [id] : []));
    },
    async moderate(room, publisherId, mid, mute) {
      await roomRequest({
        request: 'moderate',
        room,
        secret: roomSecret(endpoint.secret, room),
        id: publisherId,
        mid,
        mute,
      });
    },
    async watch(room, onPublishers, onJoining) {
      return watchRoom({
        onJoining,
        api: requireUp().api,
        sessionId,
        apisecret: endpoint.secret,
        roomSecret: roomSecret(endpoint.secret, room),
        room,
        onPublishers,
      });
    },
    async start() {
      await connect();
    },
    close() {
      closed = true;
      clearTimeout(retry);
      clearInterval(keepalive);
      up = false;
      api?.close();
      admin?.close();
      api = admin = null;
    },
  };
}

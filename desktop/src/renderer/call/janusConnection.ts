import { JANUS_WS_PROTOCOL } from '@wava/protocol';
import { z } from 'zod';

/** A message Janus sends: the answer to one of our requests (by `transaction`), or an event of a handle. */
const janusMessageSchema = z
  .object({
    janus: z.string(),
    transaction: z.string().optional(),
    session_id: z.number().optional(),
    sender: z.number().optional(),
    data: z.object({ id: z.number().optional() }).loose().optional(),
    error: z.object({ code: z.number(), reason: z.string() }).optional(),
    plugindata: z.object({ plugin: z.string(), data: z.record(z.string(), z.unknown()) }).optional(),
    jsep: z.object({ type: z.enum(['offer', 'answer']), sdp: z.string() }).optional(),
  })
  .loose();
export type JanusMessage = z.infer<typeof janusMessageSchema>;

/** Why the websocket to Janus closed: the close code and reason the Wava `/sfu` proxy (or the network) gave. */
export interface JanusClose {
  code: number;
  reason: string;
}

/**
 * How long a request may wait for Janus's answer before it fails. Janus answers within milliseconds, but a busy
 * machine can hold the answer up in the page for seconds (five people's calls moving to the SFU on two cores:
 * round trips of 2 to 14 s). An answer that comes after its request gave up still reaches its handle's events,
 * but the request's caller has failed by then and no longer knows what the subscription is, so the wait is long;
 * a Janus that is gone closes the websocket instead.
 */
const REQUEST_TIMEOUT_MS = 30_000;
const KEEPALIVE_MS = 25_000;

/** A request Janus did not answer within `REQUEST_TIMEOUT_MS`: whether it did what was asked is unknown. */
export class JanusNoAnswer extends Error {
  override readonly name = 'JanusNoAnswer';
}

/**
 * One Janus session over one websocket (Janus's JSON API, `janus-protocol`): requests matched to their
 * answers by transaction, plugin events delivered per handle, a keepalive every 25 s. The `/sfu` proxy adds
 * our seat's token to every request; it is sent here too for a Janus IT published directly.
 */
export class JanusConnection {
  private readonly pending = new Map<
    string,
    { resolve(m: JanusMessage): void; reject(e: Error): void; event: boolean }
  >();
  private readonly handles = new Map<number, (message: JanusMessage) => void>();
  private sessionId: number | null = null;
  private keepalive: ReturnType<typeof setInterval> | null = null;
  private closed = false;

  private constructor(
    private readonly ws: WebSocket,
    private readonly token: string,
    private readonly onClose: (close: JanusClose) => void,
  ) {
    ws.addEventListener('message', (event) => this.receive(event.data));
    ws.addEventListener('close', (event) => this.closedBy({ code: event.code, reason: event.reason }));
  }

  /** Opens the websocket and creates a session; rejects when either fails. */
  static async open(url: string, token: string, onClose: (close: JanusClose) => void): Promise<JanusConnection> {
    const ws = new WebSocket(url, JANUS_WS_PROTOCOL);
    await new Promise<void>((resolve, reject) => {
      ws.addEventListener('open', () => resolve(), { once: true });
      ws.addEventListener('close', (e) => reject(new Error(`Janus closed (${e.code} ${e.reason})`)), { once: true });
    });
    const connection = new JanusConnection(ws, token, onClose);
    try {
      const created = await connection.request({ janus: 'create' });
      connection.sessionId = created.data?.id ?? null;
      connection.keepalive = setInterval(() => {
        connection.request({ janus: 'keepalive' }).catch(() => undefined);
      }, KEEPALIVE_MS);
      return connection;
    } catch (error) {
      connection.close();
      throw error;
    }
  }

  /** Attaches the plugin; plugin events (and `webrtcup`, `hangup`, `media`) of the handle go to `onEvent`. */
  async attach(plugin: string, onEvent: (message: JanusMessage) => void): Promise<number> {
    const attached = await this.request({ janus: 'attach', plugin });
    const id = attached.data?.id;
    if (id === undefined) throw new Error('Janus attached no handle');
    this.handles.set(id, onEvent);
    return id;
  }

  /** A plugin message; resolves with the plugin's answer (its `event`, for asynchronous requests) and any jsep. */
  async message(
    handleId: number,
    body: Record<string, unknown>,
    jsep?: RTCSessionDescriptionInit & { rid_order?: 'lmh' | 'hml' },
  ): Promise<{ data: Record<string, unknown>; jsep: JanusMessage['jsep'] }> {
    const answer = await this.request({ janus: 'message', handle_id: handleId, body, ...(jsep ? { jsep } : {}) }, true);
    const data = answer.plugindata?.data ?? {};
    if (typeof data.error_code === 'number') throw new Error(`Janus error ${data.error_code}: ${String(data.error)}`);
    return { data, jsep: answer.jsep };
  }

  /** Lets go of a handle (best effort: Janus drops it with the session anyway); its events go nowhere from now on. */
  detach(handleId: number): void {
    this.handles.delete(handleId);
    this.request({ janus: 'detach', handle_id: handleId }).catch(() => undefined);
  }

  trickle(handleId: number, candidate: RTCIceCandidateInit | null): void {
    const body = candidate ? { candidate } : { candidate: { completed: true } };
    this.request({ janus: 'trickle', handle_id: handleId, ...body }).catch(() => undefined);
  }

  close(): void {
    if (this.closed) return;
    this.ws.close(1000);
    this.closedBy(null);
  }

  private request(message: Record<string, unknown>, awaitEvent = false): Promise<JanusMessage> {
    if (this.closed || this.ws.readyState !== WebSocket.OPEN) return Promise.reject(new Error('Janus is closed'));
    const transaction = crypto.randomUUID();
    const session = this.sessionId === null ? {} : { session_id: this.sessionId };
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(transaction);
        reject(new JanusNoAnswer(`Janus did not answer ${String(message.janus)}`));
      }, REQUEST_TIMEOUT_MS);
      this.pending.set(transaction, {
        resolve: (m) => (clearTimeout(timer), resolve(m)),
        reject: (e) => (clearTimeout(timer), reject(e)),
        event: awaitEvent,
      });
      this.ws.send(JSON.stringify({ ...message, ...session, transaction, token: this.token }));
    });
  }

  private receive(raw: unknown): void {
    let parsed;
    try {
      parsed = janusMessageSchema.safeParse(JSON.parse(String(raw)));
    } catch {
      return;
    }
    if (!parsed.success) return;
    const message = parsed.data;
    const request = message.transaction === undefined ? undefined : this.pending.get(message.transaction);
    if (!request) {
      if (message.sender !== undefined) this.handles.get(message.sender)?.(message);
      return;
    }
    // `ack` only says Janus got an asynchronous request; the outcome comes as an `event`.
    if (message.janus === 'ack' && request.event) return;
    this.pending.delete(message.transaction!);
    if (message.janus === 'error')
      request.reject(new Error(`Janus error ${message.error?.code}: ${message.error?.reason}`));
    else request.resolve(message);
  }

  private closedBy(close: JanusClose | null): void {
    const first = !this.closed;
    this.closed = true;
    if (this.keepalive) clearInterval(this.keepalive);
    this.keepalive = null;
    for (const request of this.pending.values()) request.reject(new Error('the connection to Janus closed'));
    this.pending.clear();
    this.handles.clear();
    if (first && close) this.onClose(close);
  }
}

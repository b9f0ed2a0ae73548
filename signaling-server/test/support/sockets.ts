import type { ApiError, ClientToServerEvents, JoinResult, Result, ServerToClientEvents } from '@wava/protocol';
import { io, type Socket } from 'socket.io-client';
import { openPeerSocket, type PeerSocket } from './peerSocket.js';

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
/** An untyped socket, for sending what a hostile client would. */
export type RawSocket = Socket;

const open: Socket[] = [];
const serverUrls = new WeakMap<object, string>();

/** A real socket.io-client connection with the given access token; resolves once connected. */
export function connectSocket(
  url: string,
  token: string | undefined,
  transports = ['websocket'],
  extraHeaders: Record<string, string> = {},
): Promise<ClientSocket> {
  const socket: ClientSocket = io(url, {
    auth: token === undefined ? {} : { token },
    transports,
    reconnection: false,
    forceNew: true,
    extraHeaders,
  });
  open.push(socket as unknown as Socket);
  serverUrls.set(socket, url);
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
}

/** The refusal of a handshake: the error message and its `data` (an ApiError). */
export async function connectError(
  url: string,
  auth: Record<string, unknown>,
): Promise<{ message: string; data: ApiError }> {
  const socket = io(url, { auth, transports: ['websocket'], reconnection: false, forceNew: true });
  open.push(socket);
  return new Promise((resolve, reject) => {
    socket.once('connect', () => reject(new Error('the handshake was accepted')));
    socket.once('connect_error', (error) => {
      socket.close();
      resolve({ message: error.message, data: (error as Error & { data: ApiError }).data });
    });
  });
}

/** Emits with an ack and waits for it (5 s at most; the promise rejects when no ack comes). */
export function request<T>(
  socket: Socket | ClientSocket,
  event: string,
  payload?: unknown,
  timeoutMs = 5000,
): Promise<Result<T>> {
  return (socket as Socket).timeout(timeoutMs).emitWithAck(event, payload) as Promise<Result<T>>;
}

export async function joinMeeting(socket: ClientSocket, code: string, media = { audio: true, video: true }) {
  return request<JoinResult>(socket, 'meeting:join', { code, media });
}

/** Joins and expects success; returns the JoinResult. */
export async function joined(socket: ClientSocket, code: string): Promise<JoinResult> {
  const ack = await joinMeeting(socket, code);
  if (!ack.ok) throw new Error(`join failed: ${ack.error.code}`);
  return ack.data;
}

/** Opens the PeerJS websocket of a join, as a client does: its seat is ready once this resolves. */
export function openPeerOf(socket: ClientSocket, result: JoinResult): Promise<PeerSocket> {
  const url = serverUrls.get(socket);
  if (!url) throw new Error('not a socket from connectSocket');
  return openPeerSocket(url, result.peer);
}

/** Joins and opens the PeerJS websocket, so the seat is ready (announced, listed, sent room events). */
export async function joinReady(socket: ClientSocket, code: string): Promise<JoinResult> {
  const result = await joined(socket, code);
  await openPeerOf(socket, result);
  return result;
}

/** The next `event` on `socket` (5 s at most). */
export function nextEvent<T>(socket: ClientSocket | Socket, event: string, timeoutMs = 5000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} within ${timeoutMs} ms`)), timeoutMs);
    (socket as Socket).once(event, (payload: T) => {
      clearTimeout(timer);
      resolve(payload);
    });
  });
}

/** The first `event` on `socket` from now on whose payload `matches` (5 s at most). */
export function nextMatching<T>(
  socket: ClientSocket | Socket,
  event: string,
  matches: (payload: T) => boolean,
  timeoutMs = 5000,
): Promise<T> {
  const on = socket as Socket;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no matching ${event} within ${timeoutMs} ms`)), timeoutMs);
    const listener = (payload: T) => {
      if (!matches(payload)) return;
      clearTimeout(timer);
      on.off(event, listener);
      resolve(payload);
    };
    on.on(event, listener);
  });
}

/** Records every event of the given names, to assert later that something did NOT arrive. */
export function recordEvents(
  socket: ClientSocket | Socket,
  events: string[],
): Array<{ event: string; payload: unknown }> {
  const seen: Array<{ event: string; payload: unknown }> = [];
  for (const event of events) (socket as Socket).on(event, (payload: unknown) => seen.push({ event, payload }));
  return seen;
}

/** Someone in a meeting through a ready seat, with what they heard of the recorded events. */
export interface SeatedPerson {
  socket: ClientSocket;
  join: JoinResult;
  seen: Array<{ event: string; payload: unknown }>;
}

/** Connects with `accessToken`, joins `code` and opens the PeerJS websocket (a ready seat), recording `events`. */
export async function enterRecording(
  url: string,
  accessToken: string,
  code: string,
  events: string[],
): Promise<SeatedPerson> {
  const socket = await connectSocket(url, accessToken);
  const seen = recordEvents(socket, events);
  const join = await joinReady(socket, code);
  await roundTrip(socket);
  return { socket, join, seen };
}

/** A round trip to the server: everything it sent before answering has arrived when this resolves. */
export async function roundTrip(socket: ClientSocket | Socket): Promise<void> {
  await request(socket, 'ice:refresh', {});
}

export function closeAllSockets(): void {
  for (const socket of open.splice(0)) socket.close();
}

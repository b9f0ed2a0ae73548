import {
  apiError,
  DEFAULT_MEETING_SETTINGS,
  missingCaseError,
  type ClientEventName,
  type ClientPayload,
  type ClientReply,
  type JoinRequest,
  type JoinResult,
  type MeetingControls,
  type Participant,
  type Result,
  type ServerEventName,
} from '@wava/protocol';
import { CallStore } from '../../../src/renderer/call/callStore.js';
import type { LocalState } from '../../../src/renderer/call/callState.js';
import type { MediaCall } from '../../../src/renderer/call/mediaCall.js';
import type { MediaDevicesLike } from '../../../src/renderer/call/localMediaState.js';
import type { PeerConnectOptions, PeerLike } from '../../../src/renderer/call/peerLike.js';
import type { ReconnectPolicy } from '../../../src/renderer/call/reconnectPolicy.js';
import type { SignalingChannel, SignalingEvents } from '../../../src/renderer/call/signalingChannel.js';
import type { AuthStore, Platform } from '../../../src/renderer/platform/Platform.js';
import { Emitter } from '../../../src/renderer/util/emitter.js';

/**
 * Stand-ins for what jsdom cannot run (WebRTC, cameras, PeerJS) and for our server's side of the socket
 * (the renderer's tests run in a page-like sandbox with no server). Each implements exactly the interface
 * the call core uses; the real ones run in Chromium against the real server in e2e/.
 */

let ids = 0;

export class FakeTrack {
  readonly id = `track-${++ids}`;
  enabled = true;
  readyState: MediaStreamTrackState = 'live';
  constructor(readonly kind: 'audio' | 'video') {}
  stop() {
    this.readyState = 'ended';
  }
  /** What `applyConstraints` last asked for (a camera changing its size in place); a name there makes it fail. */
  constraints: MediaTrackConstraints | null = null;
  failApplyConstraints: string | null = null;
  async applyConstraints(constraints: MediaTrackConstraints): Promise<void> {
    if (this.failApplyConstraints) throw Object.assign(new Error('refused'), { name: this.failApplyConstraints });
    this.constraints = constraints;
  }
  clone(): FakeTrack {
    return new FakeTrack(this.kind);
  }
  getSettings(): MediaTrackSettings {
    const ideal = (value: MediaTrackConstraints['width'], fallback: number) =>
      typeof value === 'object' && typeof value.ideal === 'number' ? value.ideal : fallback;
    const size = { width: ideal(this.constraints?.width, 640), height: ideal(this.constraints?.height, 360) };
    return { deviceId: `${this.kind}-device`, ...(this.kind === 'video' ? size : {}) };
  }
  private readonly listeners = new Set<(event: { target: FakeTrack }) => void>();
  addEventListener(type: string, listener: (event: { target: FakeTrack }) => void) {
    if (type === 'ended') this.listeners.add(listener);
  }
  removeEventListener(type: string, listener: (event: { target: FakeTrack }) => void) {
    if (type === 'ended') this.listeners.delete(listener);
  }
  /** The device went away (unplugged, permission withdrawn): the browser ends the track and fires 'ended'. */
  end() {
    this.readyState = 'ended';
    for (const listener of [...this.listeners]) listener({ target: this });
  }
}

/** The few MediaStream members LocalMedia uses; install with `vi.stubGlobal('MediaStream', FakeMediaStream)`. */
export class FakeMediaStream {
  readonly id = `stream-${++ids}`;
  private tracks: FakeTrack[];
  constructor(tracks: FakeTrack[] = []) {
    this.tracks = [...tracks];
  }
  getTracks() {
    return [...this.tracks];
  }
  getAudioTracks() {
    return this.tracks.filter((t) => t.kind === 'audio');
  }
  getVideoTracks() {
    return this.tracks.filter((t) => t.kind === 'video');
  }
  addTrack(track: FakeTrack) {
    this.tracks.push(track);
  }
  removeTrack(track: FakeTrack) {
    this.tracks = this.tracks.filter((t) => t !== track);
  }
}

/**
 * A camera and a microphone that always answer, listed as `listed`; every track handed out is kept, to
 * check it was stopped, and so is every request, to check which device was asked for.
 */
export function fakeDevices(listed: Pick<MediaDeviceInfo, 'deviceId' | 'kind' | 'label'>[] = []): MediaDevicesLike & {
  tracks: FakeTrack[];
  requests: MediaStreamConstraints[];
  /** Set a DOMException name to make requests for that kind fail with it (null: answer again). */
  failing: { audio: string | null; video: string | null };
} {
  const requests: MediaStreamConstraints[] = [];
  const tracks: FakeTrack[] = [];
  const failing: { audio: string | null; video: string | null } = { audio: null, video: null };
  return {
    tracks,
    requests,
    failing,
    getUserMedia: async (constraints) => {
      requests.push(constraints ?? {});
      const kind = constraints?.audio ? 'audio' : 'video';
      const failure = failing[kind];
      if (failure) throw Object.assign(new Error(failure), { name: failure });
      const track = new FakeTrack(kind);
      tracks.push(track);
      return new FakeMediaStream([track]) as unknown as MediaStream;
    },
    enumerateDevices: async () => listed.map((device) => ({ ...device, groupId: '', toJSON: () => device })),
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
  };
}

/** A PeerJS call without a peer connection; `emit` plays what PeerJS tells its listeners ('stream', 'close'). */
export class FakeCall implements MediaCall {
  readonly metadata: unknown;
  /** What PeerJS would pass the call's offer through (the caller's `sdpTransform` option). */
  sdpTransform: ((sdp: string) => string) | undefined;
  closed = false;
  answered = false;
  private readonly listeners = new Map<string, ((arg?: unknown) => void)[]>();
  constructor(
    readonly peer: string,
    metadata: unknown,
  ) {
    this.metadata = metadata;
  }
  /** None: nothing connects here (a subclass may give one). */
  get peerConnection(): RTCPeerConnection | null {
    return null;
  }
  on(event: string, listener: (arg: never) => void) {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener as (arg?: unknown) => void]);
    return this;
  }
  emit(event: string, arg?: unknown) {
    for (const listener of this.listeners.get(event) ?? []) listener(arg);
  }
  /** What PeerJS would pass our answer through (the answer's `sdpTransform` option). */
  answerSdpTransform: ((sdp: string) => string) | undefined;
  answer(_stream?: MediaStream, options?: { sdpTransform?: (sdp: string) => string }) {
    this.answered = true;
    this.answerSdpTransform = options?.sdpTransform;
  }
  close() {
    this.closed = true;
  }
}

/** A PeerJS Peer that opens when the test says so and records the calls it places. */
export class FakePeer implements PeerLike {
  open = false;
  disconnected = false;
  destroyed = false;
  readonly options: { token?: string; config?: RTCConfiguration };
  readonly calls: FakeCall[] = [];
  reconnects = 0;
  private readonly listeners = new Map<string, ((arg?: unknown) => void)[]>();
  constructor(
    readonly id: string,
    options: PeerConnectOptions,
  ) {
    this.options = { token: options.token, config: options.config };
  }
  on(event: string, listener: (arg: never) => void) {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener as (arg?: unknown) => void]);
    return this;
  }
  emit(event: string, arg?: unknown) {
    for (const listener of this.listeners.get(event) ?? []) listener(arg);
  }
  openNow() {
    this.open = true;
    this.emit('open', this.id);
  }
  call(peerId: string, _stream: MediaStream, options?: { metadata?: unknown; sdpTransform?: (sdp: string) => string }) {
    const call = new FakeCall(peerId, options?.metadata);
    call.sdpTransform = options?.sdpTransform;
    this.calls.push(call);
    return call;
  }
  reconnect() {
    this.reconnects += 1;
  }
  destroy() {
    this.destroyed = true;
    this.open = false;
  }
}

/** Our server's side of the meeting socket, driven by the test. */
export class FakeServerSocket implements SignalingChannel {
  connected = false;
  connects = 0;
  reconnects = 0;
  closed = false;
  readonly joins: JoinRequest[] = [];
  /** Every request the client sent, by event name, in order. */
  readonly requests: ClientEventName[] = [];
  private readonly emitter = new Emitter<SignalingEvents>();
  private readonly serverListeners = new Map<string, ((payload: unknown) => void)[]>();

  constructor(private readonly joinResult: JoinResult) {}

  on<K extends keyof SignalingEvents>(event: K, listener: (payload: SignalingEvents[K]) => void) {
    return this.emitter.on(event, listener);
  }
  onServer(event: ServerEventName, listener: (payload: unknown) => void): void {
    this.serverListeners.set(event, [...(this.serverListeners.get(event) ?? []), listener]);
  }
  /** The server sends an event (nothing arrives once the client closed the socket). */
  send(event: ServerEventName, payload: unknown): void {
    if (this.closed) return;
    for (const listener of this.serverListeners.get(event) ?? []) listener(payload);
  }
  /** The connection ends; `willReconnect` as Socket.io reports it (false after the server disconnected us). */
  drop(reason: string, willReconnect: boolean): void {
    if (this.closed || !this.connected) return;
    this.connected = false;
    this.emitter.emit('disconnected', { reason, willReconnect });
  }
  /** The server refuses a (re)connection's handshake. */
  refuse(code: SignalingEvents['refused']['code']): void {
    if (!this.closed) this.emitter.emit('refused', { code, message: code });
  }
  connect(): void {
    this.connects += 1;
    queueMicrotask(() => {
      if (this.closed) return;
      this.connected = true;
      this.emitter.emit('connected', undefined);
    });
  }
  reconnect(): void {
    this.reconnects += 1;
  }
  request<K extends ClientEventName>(event: K, payload: ClientPayload<K>): Promise<Result<ClientReply<K>>> {
    this.requests.push(event);
    const data = this.answer(event, payload);
    // The call core's tests do not exercise the room features (roomStore.test.ts does, over a RoomLink).
    if (data === undefined) return Promise.resolve({ ok: false, error: apiError('SERVER_UNREACHABLE') });
    return Promise.resolve({ ok: true, data: data as ClientReply<K> });
  }
  /** What our server answers each request with (always success; nothing for the room requests). */
  private answer(event: ClientEventName, payload: unknown): ClientReply<ClientEventName> | undefined {
    switch (event) {
      case 'meeting:prepare':
        return { peer: this.joinResult.peer, ice: this.joinResult.ice };
      case 'meeting:join':
        this.joins.push(payload as JoinRequest);
        return this.joinResult;
      case 'peer:token':
        return { id: this.joinResult.peer.id, token: 'fresh' };
      case 'media:update':
        return this.joinResult.self;
      case 'ice:refresh':
        return this.joinResult.ice;
      case 'sfu:credentials':
        return { mode: 'mesh', maxParticipants: this.joinResult.maxParticipants };
      case 'peer:ready':
      case 'sfu:carried':
      case 'meeting:leave':
      case 'meeting:end':
        return null;
      case 'chat:send':
      case 'chat:history':
      case 'chat:clear':
      case 'hand:raise':
      case 'hand:lower':
      case 'reaction:send':
      case 'moderation:state':
      case 'moderation:lock':
      case 'moderation:settings':
      case 'moderation:mute':
      case 'moderation:muteAll':
      case 'moderation:askUnmute':
      case 'moderation:stopVideo':
      case 'moderation:stopScreen':
      case 'moderation:remove':
      case 'moderation:listRemoved':
      case 'moderation:allowBack':
      case 'moderation:setRole':
      case 'moderation:handOver':
      case 'lobby:knock':
      case 'lobby:leave':
      case 'lobby:admit':
      case 'lobby:deny':
      case 'lobby:admit-all':
        return undefined;
      default:
        throw missingCaseError(event);
    }
  }
  close(): void {
    this.closed = true;
    this.connected = false;
    this.emitter.clear();
  }
}

export function participant(peerId: string, displayName: string): Participant {
  return {
    peerId,
    userId: `user-${peerId}`,
    displayName,
    media: { audio: true, video: true, screen: false },
    joinedAt: '2025-01-01T10:00:00.000Z',
    role: 'participant',
  };
}

/** What the server answers to Ada's join: Bob is already there (Ada's peer id sorts first, so she calls him). */
export function joinResult(): JoinResult {
  const self = participant('a-peer', 'Ada');
  return {
    meeting: {
      code: 'abc-defg-hij',
      title: '',
      hostId: 'user-b-peer',
      hostDisplayName: 'Bob',
      createdAt: '2025-01-01T10:00:00.000Z',
      endedAt: null,
      inviteUrl: 'https://meet.wava.test/j/abc-defg-hij',
    },
    self,
    participants: [self, participant('b-peer', 'Bob')],
    peer: { id: 'a-peer', token: 'peer-token', path: '/peerjs', key: 'wava' },
    ice: { iceServers: [], iceTransportPolicy: 'all', expiresAt: null },
    maxParticipants: 6,
  };
}

/** The controls of Bob's meeting (that joinResult's): Bob (user-b-peer) hosts, Ada is a participant; `change` as given. */
export function bobsMeetingControls(change: Partial<MeetingControls> = {}): MeetingControls {
  return {
    title: '',
    hostUserId: 'user-b-peer',
    coHostUserIds: [],
    locked: false,
    settings: DEFAULT_MEETING_SETTINGS,
    ...change,
  };
}

/** A call store that has joined as Ada, the meeting's host, with Bob and Cem there (their tiles still connecting). */
export function storeWithAdaBobAndCem(local: LocalState): CallStore {
  const store = new CallStore(() => undefined);
  const ada = participant('a-peer', 'Ada');
  store.dispatch({ type: 'join-started', local });
  store.dispatch({
    type: 'joined',
    meeting: {
      code: 'abc-defg-hij',
      title: '',
      hostId: ada.userId,
      hostDisplayName: 'Ada',
      createdAt: ada.joinedAt,
      endedAt: null,
      inviteUrl: 'https://meet.wava.test/j/abc-defg-hij',
    },
    self: ada,
    participants: [ada, participant('b-peer', 'Bob'), participant('c-peer', 'Cem')],
  });
  return store;
}

/** A Platform whose sign-out is counted; nothing else of it matters to the call core. */
export function fakePlatform(): Platform & { logouts: number } {
  const unavailable = () => Promise.resolve({ ok: false as const, error: { code: 'INTERNAL' as const, message: '' } });
  const auth: AuthStore = {
    register: unavailable,
    login: unavailable,
    restore: () => Promise.resolve(null),
    accessToken: () => Promise.resolve({ ok: true, data: 'access-token' }),
    logout: async () => {
      platform.logouts += 1;
    },
  };
  const platform = {
    kind: 'web' as const,
    logouts: 0,
    serverUrl: () => Promise.resolve('https://meet.wava.test'),
    auth,
    onInvite: () => () => undefined,
    onCommand: () => () => undefined,
    presenceChanged: () => undefined,
    notify: () => undefined,
  };
  return platform;
}

/** The default backoff's delays, counting every time the call core asks when to try again. */
export function countingPolicy(): ReconnectPolicy & { asked: number } {
  const policy = {
    asked: 0,
    nextDelayMs(attempt: number) {
      policy.asked += 1;
      return Math.min(30_000, 500 * 2 ** (attempt - 1));
    },
  };
  return policy;
}

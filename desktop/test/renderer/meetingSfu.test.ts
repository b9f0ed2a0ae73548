import type { ClientEventName, MeetingMode, SfuMode } from '@wava/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CallStore } from '../../src/renderer/call/callStore.js';
import { MESH_OVERLAP_MS, MeetingSfu } from '../../src/renderer/call/meetingSfu.js';
import type { SfuMediaEvents, SfuMediaOptions, SfuSession } from '../../src/renderer/call/sfuMedia.js';
import type { StreamKind } from '../../src/renderer/call/streamKind.js';
import { Emitter } from '../../src/renderer/util/emitter.js';
import { countingPolicy, FakeMediaStream, participant, storeWithAdaBobAndCem } from './support/meetingDoubles.js';

/** An SFU session driven by the test (WebRTC and Janus do not run in Node): it says what Janus would. */
class FakeSession implements SfuSession {
  private readonly emitter = new Emitter<SfuMediaEvents>();
  readonly streams = new Map<string, MediaStream>();
  private readonly flowing = new Set<string>();
  started = false;
  stopped = false;
  constructor(readonly options: SfuMediaOptions) {}
  on<K extends keyof SfuMediaEvents>(event: K, listener: (payload: SfuMediaEvents[K]) => void) {
    return this.emitter.on(event, listener);
  }
  emit<K extends keyof SfuMediaEvents>(event: K, payload: SfuMediaEvents[K]): void {
    if (!this.stopped) this.emitter.emit(event, payload);
  }
  /** Bob's camera arrives through the SFU, then flows. */
  bobArrives(): MediaStream {
    const stream = new FakeMediaStream() as unknown as MediaStream;
    this.streams.set('camera/b-peer', stream);
    this.emit('stream', { peerId: 'b-peer', kind: 'camera', stream });
    this.flowing.add('b-peer');
    this.emit('flowing', 'b-peer');
    return stream;
  }
  get mode() {
    return this.options.mode;
  }
  isFlowing = (peerId: string) => this.flowing.has(peerId);
  start = async () => {
    this.started = true;
  };
  stream = (peerId: string, kind: StreamKind) => this.streams.get(`${kind}/${peerId}`) ?? null;
  stop = () => {
    this.stopped = true;
  };
  replaceTrack: SfuSession['replaceTrack'] = () => undefined;
  setScreen = () => undefined;
  setTileWidth = () => undefined;
  applyIce = () => undefined;
}

const sfu = (generation: number, token = 'token-of-sixteen-chars-1'): SfuMode => ({
  mode: 'sfu',
  url: `wss://meet.wava.test/sfu?token=${token}`,
  room: `room-${generation}`,
  token,
  publisherId: 'a-peer',
  generation,
  lastN: 9,
  maxParticipants: 50,
});
const mesh: MeetingMode = { mode: 'mesh', maxParticipants: 6 };

describe('moving a meeting between the mesh and the SFU', () => {
  let store: CallStore;
  let sessions: FakeSession[];
  let calls: string[];
  let credentials: MeetingMode;
  let asked: ClientEventName[];
  /** Whom we told that their media reaches us through the SFU (`sfu:carried`). */
  let carriedSaid: string[];
  let captured: string[];
  let payloads: unknown[];
  let meeting: MeetingSfu;
  /** People whose mesh call shows a decoded picture. */
  let pictures: Set<string>;

  beforeEach(() => {
    vi.useFakeTimers();
    store = storeWithAdaBobAndCem({ audio: false, video: true, screen: false });
    // Bob's mesh call flows: his tile shows its stream.
    store.dispatch({ type: 'connection-changed', peerId: 'b-peer', connection: 'connected', mediaFailure: null });
    store.dispatch({ type: 'stream-changed', peerId: 'b-peer', kind: 'camera', streamId: 'mesh-bob' });
    sessions = [];
    calls = [];
    asked = [];
    carriedSaid = [];
    pictures = new Set();
    captured = [];
    payloads = [];
    credentials = mesh;
    meeting = new MeetingSfu({
      store,
      signaling: {
        request: (event, payload) => {
          if (event === 'sfu:carried') {
            carriedSaid.push((payload as { peerId: string }).peerId);
            return Promise.resolve({ ok: true, data: null }) as never;
          }
          asked.push(event);
          payloads.push(payload);
          return Promise.resolve({ ok: true, data: credentials }) as never;
        },
      },
      mesh: {
        pauseCalls: () => calls.push('pause'),
        resumeCalls: () => calls.push('resume'),
        dropCall: (peerId) => calls.push(`drop ${peerId}`),
        // The mesh's own view of a tile: here, no call is up any more.
        showCall: (peerId) => {
          calls.push(`show ${peerId}`);
          store.dispatch({ type: 'stream-changed', peerId, kind: 'camera', streamId: null });
          store.dispatch({ type: 'connection-changed', peerId, connection: 'connecting', mediaFailure: null });
        },
        showsPicture: (peerId) => Promise.resolve(pictures.has(peerId)),
        hasCall: (peerId) => peerId !== 'd-peer',
      },
      send: () => new FakeMediaStream() as unknown as MediaStream,
      screen: () => null,
      captureFor: (mode) => captured.push(mode),
      policy: countingPolicy(),
      logger: { warn: () => undefined },
      createSession: (options) => {
        const session = new FakeSession(options);
        sessions.push(session);
        return session;
      },
    });
  });
  afterEach(() => {
    meeting.stop();
    vi.useRealTimers();
  });

  const bob = () => store.state.remotes.find((tile) => tile.peerId === 'b-peer')!;

  it('stays on the mesh while the server says mesh', () => {
    meeting.modeChanged(mesh);
    expect(sessions).toHaveLength(0);
    expect(calls).toEqual([]);
  });

  it('to the SFU: make before break, a mesh call ends only once that person’s media flows through the SFU', () => {
    meeting.modeChanged(sfu(1));
    expect(calls).toEqual(['pause']);
    expect(sessions).toHaveLength(1);
    expect(sessions[0]!.started).toBe(true);
    expect(sessions[0]!.options).toMatchObject({ mode: sfu(1), displayName: 'Ada' });
    // Until Bob's SFU media flows his tile keeps the mesh call's picture.
    expect(meeting.owns('b-peer')).toBe(false);
    expect(bob().cameraStreamId).toBe('mesh-bob');

    const stream = sessions[0]!.bobArrives();
    expect(meeting.owns('b-peer')).toBe(true);
    expect(meeting.stream('b-peer', 'camera')).toBe(stream);
    expect(bob()).toMatchObject({ cameraStreamId: stream.id, connection: 'connected' });
    // Bob hears that his media reaches us through the SFU. The mesh call goes on until he says the same of ours
    // (here he never does: a client of an older version), at most MESH_OVERLAP_MS: 45 s, as long as a subscriber's
    // ICE took on a busy machine (25 s) and then some.
    expect(MESH_OVERLAP_MS).toBe(45_000);
    expect(carriedSaid).toEqual(['b-peer']);
    vi.advanceTimersByTime(MESH_OVERLAP_MS - 1);
    expect(calls).toEqual(['pause']);
    vi.advanceTimersByTime(1);
    expect(calls).toEqual(['pause', 'drop b-peer']);
    // Cem's media has not come through the SFU yet: his mesh call is kept.
    expect(meeting.owns('c-peer')).toBe(false);
  });

  it('someone whose media flows through the SFU before the server’s news of them: their tile takes it once it comes', () => {
    meeting.modeChanged(sfu(1));
    // Dan's picture arrives through the SFU before participant:joined (his PeerJS seat was slow to open).
    const stream = new FakeMediaStream() as unknown as MediaStream;
    sessions[0]!.streams.set('camera/d-peer', stream);
    sessions[0]!.emit('stream', { peerId: 'd-peer', kind: 'camera', stream });
    sessions[0]!.isFlowing = (peerId) => peerId === 'd-peer';
    sessions[0]!.emit('flowing', 'd-peer');
    store.dispatch({ type: 'participant-joined', participant: participant('d-peer', 'Dan') });
    const dan = () => store.state.remotes.find((tile) => tile.peerId === 'd-peer')!;
    expect(dan().connection).toBe('connecting');
    meeting.participantJoined('d-peer');
    expect(dan()).toMatchObject({ cameraStreamId: stream.id, connection: 'connected' });
    expect(meeting.owns('d-peer')).toBe(true);
    // Someone the session carries no media of yet is left to their own flow.
    store.dispatch({ type: 'participant-joined', participant: participant('e-peer', 'Eve') });
    meeting.participantJoined('e-peer');
    expect(meeting.owns('e-peer')).toBe(false);
  });

  it('make before break on both sides: the mesh call ends once each side’s media reaches the other through the SFU', () => {
    meeting.modeChanged(sfu(1));
    // Bob already gets our media through the SFU; his reaches us a moment later: the call ends then.
    meeting.carriedBy('b-peer');
    expect(calls).toEqual(['pause']);
    sessions[0]!.bobArrives();
    expect(calls).toEqual(['pause', 'drop b-peer']);
    // The other order: Cem's media reaches us first; the call ends once he says ours reaches him.
    const cem = new FakeMediaStream() as unknown as MediaStream;
    sessions[0]!.streams.set('camera/c-peer', cem);
    sessions[0]!.emit('flowing', 'c-peer');
    expect(calls).toEqual(['pause', 'drop b-peer']);
    vi.advanceTimersByTime(10_000);
    meeting.carriedBy('c-peer');
    expect(calls).toEqual(['pause', 'drop b-peer', 'drop c-peer']);
    // Neither call is ended a second time when the overlap would have been over.
    vi.advanceTimersByTime(MESH_OVERLAP_MS);
    expect(calls).toEqual(['pause', 'drop b-peer', 'drop c-peer']);
  });

  it('says so only to people it had a mesh call with, and hears it only on the SFU', () => {
    meeting.carriedBy('b-peer');
    meeting.modeChanged(sfu(1));
    sessions[0]!.bobArrives();
    // Heard while on the mesh: it meant nothing for this move.
    expect(calls).toEqual(['pause']);
    store.dispatch({ type: 'participant-joined', participant: participant('d-peer', 'Dan') });
    sessions[0]!.isFlowing = (peerId) => peerId === 'd-peer';
    sessions[0]!.emit('flowing', 'd-peer');
    expect(carriedSaid).toEqual(['b-peer']);
  });

  it('the same credentials again change nothing; a new generation is a new session', () => {
    meeting.modeChanged(sfu(1));
    meeting.modeChanged(sfu(1));
    expect(sessions).toHaveLength(1);
    sessions[0]!.bobArrives();
    meeting.modeChanged(sfu(2));
    expect(sessions[0]!.stopped).toBe(true);
    expect(sessions).toHaveLength(2);
    expect(sessions[1]!.options.mode.room).toBe('room-2');
    // Bob's tile stays the SFU's and takes the new session's stream.
    const again = sessions[1]!.bobArrives();
    expect(bob().cameraStreamId).toBe(again.id);
    expect(calls.filter((c) => c === 'pause')).toHaveLength(1);
  });

  it('back to mesh: the SFU session ends, its tiles go back to connecting, and the mesh calls everyone', () => {
    meeting.modeChanged(sfu(1));
    sessions[0]!.bobArrives();
    vi.advanceTimersByTime(5_000);
    meeting.modeChanged(mesh);
    expect(sessions[0]!.stopped).toBe(true);
    expect(calls.slice(-2)).toEqual(['show b-peer', 'resume']);
    expect(meeting.owns('b-peer')).toBe(false);
    expect(bob()).toMatchObject({ cameraStreamId: null, connection: 'connecting' });
  });

  it('back to mesh within the overlap: the mesh call to that person is kept', () => {
    meeting.modeChanged(sfu(1));
    sessions[0]!.bobArrives();
    meeting.modeChanged(mesh);
    vi.advanceTimersByTime(10_000);
    expect(calls).toEqual(['pause', 'show b-peer', 'resume']);
  });

  it('credentials revoked (SFU_TOKEN_INVALID): asks which mode applies, and goes back to mesh when told so', async () => {
    meeting.modeChanged(sfu(1));
    sessions[0]!.bobArrives();
    sessions[0]!.emit('ended', { code: 4403, reason: 'SFU_TOKEN_INVALID' });
    expect(bob().connection).toBe('reconnecting');
    expect(asked).toEqual([]);
    credentials = mesh;
    await vi.advanceTimersByTimeAsync(500);
    expect(asked).toEqual(['sfu:credentials']);
    expect(calls.at(-1)).toBe('resume');
    expect(bob().connection).toBe('connecting');
  });

  it('Janus refused our token: names it when asking, and publishes again with the new one the server gives', async () => {
    meeting.modeChanged(sfu(1));
    sessions[0]!.bobArrives();
    sessions[0]!.emit('ended', {
      code: 0,
      reason: 'Janus error 403: Unauthorized request (wrong or missing secret/token)',
    });
    credentials = sfu(1, 'token-of-sixteen-chars-2');
    await vi.advanceTimersByTimeAsync(500);
    expect(payloads).toEqual([{ refused: 'token-of-sixteen-chars-1' }]);
    expect(sessions).toHaveLength(2);
    expect(sessions[1]!.options.mode.token).toBe('token-of-sixteen-chars-2');
    expect(sessions[1]!.started).toBe(true);
    // Other ends name no token.
    sessions[1]!.emit('ended', { code: 1006, reason: '' });
    await vi.advanceTimersByTimeAsync(5_000);
    expect(payloads.at(-1)).toEqual({});
  });

  it('SFU unavailable: asks again after a second and opens a session with what the server says', async () => {
    meeting.modeChanged(sfu(1));
    sessions[0]!.emit('ended', { code: 4503, reason: 'SFU_UNAVAILABLE' });
    credentials = sfu(1);
    await vi.advanceTimersByTimeAsync(999);
    expect(asked).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(asked).toEqual(['sfu:credentials']);
    expect(sessions).toHaveLength(2);
    expect(sessions[1]!.started).toBe(true);
  });

  it('a meeting:mode that arrives while waiting to ask again is followed at once', async () => {
    meeting.modeChanged(sfu(1));
    sessions[0]!.emit('ended', { code: 4503, reason: 'SFU_UNAVAILABLE' });
    meeting.modeChanged(sfu(2));
    expect(sessions).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(sessions).toHaveLength(2);
  });

  describe('back to mesh with a grace (make before break)', () => {
    const meshWithGrace: MeetingMode = { mode: 'mesh', maxParticipants: 6, sfuGraceMs: 8_000 };

    /** On the SFU with Bob's tile carried by it, past the overlap (his mesh call dropped). */
    function onSfu(): MediaStream {
      meeting.modeChanged(sfu(1));
      const stream = sessions[0]!.bobArrives();
      vi.advanceTimersByTime(5_000);
      calls.length = 0;
      return stream;
    }

    it('keeps the SFU picture until the mesh call decodes one, then switches the tile and leaves a moment later', async () => {
      const sfuBob = onSfu();
      meeting.modeChanged(meshWithGrace);
      // The mesh calls everyone at once, and Bob's tile keeps the SFU's picture meanwhile.
      expect(calls).toEqual(['resume']);
      expect(sessions[0]!.stopped).toBe(false);
      expect(meeting.owns('b-peer')).toBe(true);
      expect(bob()).toMatchObject({ cameraStreamId: sfuBob.id, connection: 'connected' });
      await vi.advanceTimersByTimeAsync(1_000);
      expect(meeting.owns('b-peer')).toBe(true);

      // Bob's mesh call decoded a frame: his tile shows it; our SFU publication stays a moment for the others.
      pictures.add('b-peer');
      await vi.advanceTimersByTimeAsync(200);
      expect(calls).toEqual(['resume', 'show b-peer']);
      expect(meeting.owns('b-peer')).toBe(false);
      expect(sessions[0]!.stopped).toBe(false);
      await vi.advanceTimersByTimeAsync(2_000);
      expect(sessions[0]!.stopped).toBe(true);
      expect(sessions).toHaveLength(1);
    });

    it('switches the tile and leaves the SFU before the grace is over when the mesh never shows a picture', async () => {
      onSfu();
      meeting.modeChanged(meshWithGrace);
      await vi.advanceTimersByTimeAsync(6_999);
      expect(meeting.owns('b-peer')).toBe(true);
      expect(sessions[0]!.stopped).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect(meeting.owns('b-peer')).toBe(false);
      expect(sessions[0]!.stopped).toBe(true);
      expect(calls).toEqual(['resume', 'show b-peer']);
    });

    it('the retiring session ended by the server (revoked): its tiles go to the mesh at once', async () => {
      onSfu();
      meeting.modeChanged(meshWithGrace);
      sessions[0]!.emit('ended', { code: 4403, reason: 'SFU_TOKEN_INVALID' });
      expect(meeting.owns('b-peer')).toBe(false);
      expect(calls).toEqual(['resume', 'show b-peer']);
      // Nothing to ask: the meeting is a mesh.
      await vi.advanceTimersByTimeAsync(10_000);
      expect(asked).toEqual([]);
    });

    it('someone leaving mid-move: their tile is gone and the session ends once it carries nobody', async () => {
      onSfu();
      meeting.modeChanged(meshWithGrace);
      meeting.participantLeft('b-peer');
      expect(meeting.owns('b-peer')).toBe(false);
      await vi.advanceTimersByTimeAsync(2_000);
      expect(sessions[0]!.stopped).toBe(true);
      expect(calls).toEqual(['resume']);
    });

    it('flapping (2, 3, 2, 3) into the same room: the retiring session carries on, nobody publishes twice', async () => {
      const sfuBob = onSfu();
      meeting.modeChanged(meshWithGrace);
      await vi.advanceTimersByTimeAsync(1_000);
      // The meeting is placed again in the room we still publish to, with the same credentials: no new session.
      meeting.modeChanged(sfu(1));
      expect(sessions).toHaveLength(1);
      expect(sessions[0]!.stopped).toBe(false);
      expect(calls).toEqual(['resume', 'pause']);
      expect(meeting.owns('b-peer')).toBe(true);
      expect(bob()).toMatchObject({ cameraStreamId: sfuBob.id, connection: 'connected' });
      // The grace would have ended long ago: the session is the meeting's again, and stays.
      pictures.add('b-peer');
      await vi.advanceTimersByTimeAsync(MESH_OVERLAP_MS);
      expect(sessions[0]!.stopped).toBe(false);
      expect(meeting.owns('b-peer')).toBe(true);
      // The mesh call placed during the move ends once the overlap is over (Bob never said ours reaches him).
      expect(calls).toEqual(['resume', 'pause', 'drop b-peer']);
      // And back to mesh again: the same session retires the same way.
      meeting.modeChanged(meshWithGrace);
      await vi.advanceTimersByTimeAsync(2_200);
      expect(meeting.owns('b-peer')).toBe(false);
      expect(sessions[0]!.stopped).toBe(true);
      expect(sessions).toHaveLength(1);
    });

    it('placed again in the same room after a tile went back to its mesh call: the session takes it back', async () => {
      const sfuBob = onSfu();
      meeting.modeChanged(meshWithGrace);
      pictures.add('b-peer');
      await vi.advanceTimersByTimeAsync(200);
      expect(meeting.owns('b-peer')).toBe(false);
      expect(calls).toEqual(['resume', 'show b-peer']);
      // Within the moment our publication outlives the last tile it carried.
      meeting.modeChanged(sfu(1));
      expect(sessions).toHaveLength(1);
      expect(meeting.owns('b-peer')).toBe(true);
      expect(bob()).toMatchObject({ cameraStreamId: sfuBob.id, connection: 'connected' });
      await vi.advanceTimersByTimeAsync(MESH_OVERLAP_MS);
      expect(sessions[0]!.stopped).toBe(false);
      expect(calls).toEqual(['resume', 'show b-peer', 'pause', 'drop b-peer']);
    });

    it('placed again in another room within the grace: the retiring session ends before the new one starts', async () => {
      onSfu();
      meeting.modeChanged(meshWithGrace);
      meeting.modeChanged(sfu(2));
      // Never two publications at once: the old one ends, and Bob's tile shows his mesh call meanwhile.
      expect(sessions).toHaveLength(2);
      expect(sessions[0]!.stopped).toBe(true);
      expect(sessions[1]!.started).toBe(true);
      expect(calls).toEqual(['resume', 'show b-peer', 'pause']);
      expect(meeting.owns('b-peer')).toBe(false);
      const again = sessions[1]!.bobArrives();
      expect(bob().cameraStreamId).toBe(again.id);
      expect(meeting.stream('b-peer', 'camera')).toBe(again);
      // The mesh call placed during the move ends once Bob says our media reaches him through the SFU.
      meeting.carriedBy('b-peer');
      expect(calls).toEqual(['resume', 'show b-peer', 'pause', 'drop b-peer']);
      expect(sessions[1]!.stopped).toBe(false);
    });

    it('placed again with new credentials for the same room (its own token revoked meanwhile): a new session', () => {
      onSfu();
      meeting.modeChanged(meshWithGrace);
      meeting.modeChanged(sfu(1, 'token-of-sixteen-chars-2'));
      expect(sessions).toHaveLength(2);
      expect(sessions[0]!.stopped).toBe(true);
      expect(sessions[1]!.options.mode.token).toBe('token-of-sixteen-chars-2');
    });

    it('a mute during the move reaches the retiring session too', () => {
      onSfu();
      const replaced: unknown[] = [];
      sessions[0]!.replaceTrack = (kind, track) => void replaced.push([kind, track]);
      meeting.modeChanged(meshWithGrace);
      meeting.replaceTrack('audio', null);
      expect(replaced).toEqual([['audio', null]]);
    });
  });

  it('the camera is captured for where media flows: larger on the SFU, back on the mesh', () => {
    meeting.modeChanged(sfu(1));
    meeting.modeChanged(mesh);
    expect(captured).toEqual(['sfu', 'mesh']);
  });

  it('on the SFU, Janus says who talks, for the people whose voice it carries; nobody once the session is over', () => {
    const changes: ReadonlySet<string>[] = [];
    meeting.talkers.subscribe(() => changes.push(meeting.talkers.getSnapshot()));
    meeting.modeChanged(sfu(1));
    sessions[0]!.emit('talking', { peerId: 'b-peer', talking: true });
    // Bob's voice still comes over the mesh: the client measures it itself.
    expect(meeting.talking('b-peer')).toBeNull();
    sessions[0]!.bobArrives();
    expect(meeting.talking('b-peer')).toBe(true);
    sessions[0]!.emit('talking', { peerId: 'b-peer', talking: false });
    expect(meeting.talking('b-peer')).toBe(false);
    sessions[0]!.emit('talking', { peerId: 'b-peer', talking: true });
    sessions[0]!.emit('ended', { code: 4503, reason: 'SFU_UNAVAILABLE' });
    expect(meeting.talking('b-peer')).toBe(false);
    expect(changes.map((set) => [...set])).toEqual([['b-peer'], [], ['b-peer'], []]);
  });

  it('back to mesh: nobody is talking by the SFU’s word any more', () => {
    meeting.modeChanged(sfu(1));
    sessions[0]!.bobArrives();
    sessions[0]!.emit('talking', { peerId: 'b-peer', talking: true });
    meeting.modeChanged(mesh);
    expect(meeting.talking('b-peer')).toBeNull();
    expect(meeting.talkers.getSnapshot().size).toBe(0);
  });
});

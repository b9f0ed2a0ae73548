import { missingCaseError } from '@wava/protocol';
import type { ApiError, ErrorCode, JoinResult } from '@wava/protocol';
import { drop } from '../util/drop.js';
import { Emitter, type Unsubscribe } from '../util/emitter.js';
import type { CallStore } from './callStore.js';
import type { SignalingChannel } from './signalingChannel.js';
import type { ReconnectPolicy } from './reconnectPolicy.js';
import { resumeRefusalAction } from './resumeRefusal.js';
import { RetryTimer } from './retryTimer.js';

export interface MeetingJoinerOptions {
  code: string;
  store: CallStore;
  signaling: SignalingChannel;
  policy: ReconnectPolicy;
  /** How long the first join may take before the person is told the server cannot be reached. */
  joinTimeoutMs: number;
  /** Our peer id and token from the current join, to keep them when rejoining; null if there are none. */
  resumeCredentials(): { id: string; token: string } | null;
}

export interface MeetingJoinerEvents {
  /** The first join succeeded. */
  joined: JoinResult;
  /** A rejoin after the socket dropped succeeded. */
  resumed: JoinResult;
  /** The meeting cannot be joined, for good: before we were in (`inMeeting` false), or once we were. */
  refused: { code: ErrorCode; inMeeting: boolean };
}

/**
 * Joining the meeting over the socket, and joining it again, with our peer id, each time the socket
 * comes back: a reply from an older connection is ignored, passing refusals are retried with backoff,
 * and after a server restart the client waits as long as the server asked before reconnecting.
 */
export class MeetingJoiner {
  private readonly emitter = new Emitter<MeetingJoinerEvents>();
  private readonly rejoin: RetryTimer;
  private joining = false;
  /** Bumped when the socket drops, so a join reply from the old connection is ignored. */
  private attempt = 0;
  private freshJoin = false;
  private shutdownDelayMs: number | null = null;
  private joinTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly options: MeetingJoinerOptions) {
    this.rejoin = new RetryTimer(options.policy);
  }

  on<K extends keyof MeetingJoinerEvents>(event: K, listener: (payload: MeetingJoinerEvents[K]) => void): Unsubscribe {
    return this.emitter.on(event, listener);
  }

  /** The first join starts: if it has not succeeded in time, the server is unreachable. */
  start(): void {
    this.joinTimer = setTimeout(
      () => this.emitter.emit('refused', { code: 'SERVER_UNREACHABLE', inMeeting: false }),
      this.options.joinTimeoutMs,
    );
  }

  /** The socket is (re)connected: join, or rejoin. */
  connected(): void {
    drop(this.join());
  }

  disconnected(willReconnect: boolean): void {
    this.joining = false;
    this.attempt += 1;
    if (!willReconnect && this.options.store.active) this.scheduleRejoin(this.shutdownDelayMs);
  }

  /** The server said it is restarting and when to come back. */
  shuttingDown(reconnectAfterMs: number | null): void {
    this.shutdownDelayMs = reconnectAfterMs;
  }

  /** The meeting is over: no more joins, and no more events. */
  cancel(): void {
    this.rejoin.cancel();
    this.stopJoinTimer();
    this.emitter.clear();
  }

  private stopJoinTimer(): void {
    if (this.joinTimer !== null) clearTimeout(this.joinTimer);
    this.joinTimer = null;
  }

  private async join(): Promise<void> {
    const { store, signaling } = this.options;
    if (this.joining || !store.active) return;
    this.joining = true;
    const attempt = ++this.attempt;
    const resuming = store.state.phase === 'in-meeting';
    const resume = resuming && !this.freshJoin ? this.options.resumeCredentials() : null;
    const { audio, video } = store.state.local;
    const reply = await signaling.request('meeting:join', {
      code: this.options.code,
      media: { audio, video },
      ...(resume ? { resume } : {}),
    });
    if (attempt !== this.attempt || !store.active) return;
    this.joining = false;
    if (!reply.ok) {
      this.refused(reply.error, resuming);
      return;
    }
    this.rejoin.reset();
    this.freshJoin = false;
    this.shutdownDelayMs = null;
    if (resuming) {
      this.emitter.emit('resumed', reply.data);
      return;
    }
    this.stopJoinTimer();
    this.emitter.emit('joined', reply.data);
  }

  private refused(error: ApiError, resuming: boolean): void {
    const code = error.code;
    if (!resuming) {
      if (code === 'SERVER_UNREACHABLE' || code === 'SERVER_SHUTTING_DOWN') this.scheduleRejoin(null);
      else this.emitter.emit('refused', { code, inMeeting: false });
      return;
    }
    const action = resumeRefusalAction(code);
    switch (action) {
      case 'end':
        this.emitter.emit('refused', { code, inMeeting: true });
        return;
      case 'join-fresh':
        // The server would not let us keep our peer id: join as new, calls are placed again.
        this.freshJoin = true;
        drop(this.join());
        return;
      case 'retry':
        this.scheduleRejoin(null);
        return;
      default:
        throw missingCaseError(action);
    }
  }

  private scheduleRejoin(delayMs: number | null): void {
    const { store, signaling } = this.options;
    if (!store.active) return;
    this.rejoin.schedule(() => {
      if (signaling.connected) drop(this.join());
      else signaling.reconnect();
    }, delayMs);
  }
}

import { missingCaseError } from '@wava/protocol';
import type { ApiError, ErrorCode, JoinResult } from '@wava/protocol';
import { drop } from '../util/drop.js';
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
  /** The first join succeeded. */
  joined(result: JoinResult): void;
  /** A rejoin after the socket dropped succeeded. */
  resumed(result: JoinResult): void;
  /** The meeting could not be joined: `failed` before we were in, `ended` once we were. */
  failed(code: ErrorCode): void;
  ended(code: ErrorCode): void;
}

/**
 * Joining the meeting over the socket, and joining it again, with our peer id, each time the socket
 * comes back: a reply from an older connection is ignored, passing refusals are retried with backoff,
 * and after a server restart the client waits as long as the server asked before reconnecting.
 */
export class MeetingJoiner {
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

  /** The first join starts: if it has not succeeded in time, the server is unreachable. */
  start(): void {
    this.joinTimer = setTimeout(() => this.options.failed('SERVER_UNREACHABLE'), this.options.joinTimeoutMs);
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

  cancel(): void {
    this.rejoin.cancel();
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
      this.options.resumed(reply.data);
      return;
    }
    if (this.joinTimer !== null) clearTimeout(this.joinTimer);
    this.joinTimer = null;
    this.options.joined(reply.data);
  }

  private refused(error: ApiError, resuming: boolean): void {
    const code = error.code;
    if (!resuming) {
      if (code === 'SERVER_UNREACHABLE' || code === 'SERVER_SHUTTING_DOWN') this.scheduleRejoin(null);
      else this.options.failed(code);
      return;
    }
    const action = resumeRefusalAction(code);
    switch (action) {
      case 'end':
        this.options.ended(code);
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

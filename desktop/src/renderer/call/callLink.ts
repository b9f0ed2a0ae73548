import type { ConnectionState } from './callState.js';
import { watchConnection } from './connectionWatchdog.js';
import type { MediaCall } from './mediaCall.js';
import type { MediaFailure } from './mediaFailure.js';
import type { ReconnectPolicy } from './reconnectPolicy.js';

export interface CallLinkOptions {
  peerId: string;
  /** This side places the call, and places it again when it drops. */
  initiator: boolean;
  /** Places a new call; null when the Peer cannot place calls right now (then `resume` retries). */
  dial(): MediaCall | null;
  /** What this side sends when it answers; undefined answers receive-only. */
  answerStream(): MediaStream | undefined;
  policy: ReconnectPolicy;
  connectTimeoutMs: number;
  onState(state: ConnectionState, failure: MediaFailure | null): void;
  onStream(stream: MediaStream | null): void;
}

/**
 * One logical media connection to one participant (camera, or a screen share in one direction),
 * kept alive across the PeerJS calls that carry it. PeerJS closes a call on ICE failure and never
 * renegotiates, so recovery is a new call: the initiator re-dials with the reconnect policy's backoff,
 * the other side waits for it. Media that does not connect in time is reported as `failed`.
 */
export class CallLink {
  private call: MediaCall | null = null;
  private stopWatching: (() => void) | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private waitTimer: ReturnType<typeof setTimeout> | null = null;
  private attempt = 0;
  private waitingForPeer = false;
  private closed = false;
  private current: ConnectionState = 'connecting';
  private failure: MediaFailure | null = null;
  private reported: MediaFailure | null = null;
  private everDropped = false;

  constructor(private readonly options: CallLinkOptions) {}

  get state(): ConnectionState {
    return this.current;
  }

  get peerConnection(): RTCPeerConnection | null {
    return this.call?.peerConnection ?? null;
  }

  /** Whether media is flowing on this link now. */
  get live(): boolean {
    return this.current === 'connected';
  }

  /** Initiator: place the first call. Other side: start waiting for it. */
  start(): void {
    if (this.options.initiator) this.dialNow();
    else this.armWait();
  }

  /** An incoming call for this link (the first one, or the other side's reconnect). */
  accept(call: MediaCall): void {
    if (this.closed) {
      call.close();
      return;
    }
    this.clearRetry();
    this.adopt(call);
    call.answer(this.options.answerStream());
    this.watch(call);
  }

  /** The Peer can place calls again (it opened or reconnected): dial if a retry was waiting for that. */
  resume(): void {
    if (this.closed || !this.options.initiator) return;
    if (this.waitingForPeer || (this.call === null && this.retryTimer === null)) this.dialNow();
  }

  /** Replace what this side sends, on the live call (no renegotiation). */
  replaceTrack(kind: 'audio' | 'video', track: MediaStreamTrack | null): void {
    const pc = this.peerConnection;
    if (!pc) return;
    for (const transceiver of pc.getTransceivers()) {
      if (transceiver.receiver.track.kind !== kind || transceiver.currentDirection === 'stopped') continue;
      transceiver.sender.replaceTrack(track).catch((error: unknown) => {
        console.warn(`[wava] replaceTrack(${kind}) to ${this.options.peerId} failed`, error);
      });
    }
  }

  /** Ends the link for good: the participant left, or we did. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.clearRetry();
    this.clearWait();
    const call = this.detach();
    call?.close();
  }

  private dialNow(): void {
    if (this.closed) return;
    this.clearRetry();
    const call = this.options.dial();
    if (!call) {
      this.waitingForPeer = true;
      return;
    }
    this.waitingForPeer = false;
    this.adopt(call);
    this.watch(call);
  }

  private adopt(call: MediaCall): void {
    const previous = this.detach();
    previous?.close();
    this.call = call;
    this.clearWait();
    if (this.current !== 'failed')
      this.setState(this.attempt === 0 && !this.everDropped ? 'connecting' : 'reconnecting');
    call.on('stream', (stream) => {
      if (this.call === call) this.options.onStream(stream);
    });
    call.on('close', () => {
      if (this.call === call) this.dropped(null);
    });
    call.on('error', (error) => {
      console.warn(`[wava] call to ${this.options.peerId}:`, error.message);
    });
  }

  private watch(call: MediaCall): void {
    const pc = call.peerConnection;
    if (!pc) return;
    this.stopWatching = watchConnection(pc, this.options.connectTimeoutMs, {
      connected: () => {
        if (this.call !== call) return;
        this.attempt = 0;
        this.failure = null;
        this.setState('connected');
      },
      interrupted: () => {
        if (this.call === call && this.current !== 'failed') this.setState('reconnecting');
      },
      failed: (failure) => {
        if (this.call !== call) return;
        this.failure = failure;
        this.setState('failed');
        this.dropped(failure);
      },
    });
  }

  /** The current call is gone (closed by either side, or given up on): clean up and recover. */
  private dropped(failure: MediaFailure | null): void {
    const call = this.detach();
    call?.close();
    this.everDropped = true;
    this.options.onStream(null);
    if (this.closed) return;
    if (failure === null && this.current !== 'failed') this.setState('reconnecting');
    if (this.options.initiator) this.scheduleRetry();
    else this.armWait();
  }

  private scheduleRetry(): void {
    this.clearRetry();
    this.attempt += 1;
    const delay = this.options.policy.nextDelayMs(this.attempt);
    if (delay === null) {
      this.failure ??= 'timeout';
      this.setState('failed');
      return;
    }
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.dialNow();
    }, delay);
  }

  /** The answering side: if no call arrives and connects in time, say so. */
  private armWait(): void {
    this.clearWait();
    this.waitTimer = setTimeout(() => {
      this.waitTimer = null;
      if (this.closed || this.call !== null) return;
      this.failure ??= 'timeout';
      this.setState('failed');
    }, this.options.connectTimeoutMs);
  }

  private detach(): MediaCall | null {
    const call = this.call;
    this.call = null;
    this.stopWatching?.();
    this.stopWatching = null;
    return call;
  }

  private setState(state: ConnectionState): void {
    const failure = state === 'failed' ? this.failure : null;
    if (state === this.current && failure === this.reported) return;
    this.current = state;
    this.reported = failure;
    this.options.onState(state, failure);
  }

  private clearRetry(): void {
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private clearWait(): void {
    if (this.waitTimer !== null) clearTimeout(this.waitTimer);
    this.waitTimer = null;
  }
}

import type { Unsubscribe } from '../util/emitter.js';
import { consoleLogger, type Logger } from '../util/logger.js';
import { INITIAL_CALL_LINK_STATE, nextCallLinkState, type CallLinkEvent, type CallLinkState } from './callLinkState.js';
import type { ConnectionState } from './callState.js';
import { watchConnection } from './connectionWatchdog.js';
import type { MediaCall } from './mediaCall.js';
import type { MediaFailure } from './mediaFailure.js';
import type { ReconnectPolicy } from './reconnectPolicy.js';
import { RetryTimer } from './retryTimer.js';

export interface CallLinkOptions {
  peerId: string;
  /** This side places the call, and places it again when it drops. */
  initiator: boolean;
  /** Places a new call; null when the Peer cannot place calls right now (then `resume` retries). */
  dial(): MediaCall | null;
  /** Answers an incoming call for this link (`call.answer(stream)`; without a stream it only receives). */
  answer(call: MediaCall): void;
  /**
   * Transceivers that `replaceTrack` leaves alone: the call's screen slot (callScreenSlot.ts), whose track is the
   * screen share's, never the camera's or the microphone's.
   */
  reserved?(transceiver: RTCRtpTransceiver): boolean;
  policy: ReconnectPolicy;
  /** How long one call may take to connect (or to recover from an interruption) before it is replaced. */
  connectTimeoutMs: number;
  /**
   * How long media may stay down while Wava keeps trying by itself, shown as connecting/reconnecting,
   * before the link says `failed`. Redialling goes on after that; a failure no retry can fix
   * (the relay refusing our credentials) says `failed` at once.
   */
  giveUpAfterMs: number;
  onState(state: ConnectionState, failure: MediaFailure | null): void;
  onStream(stream: MediaStream | null): void;
  logger?: Logger;
}

/**
 * One logical media connection to one participant (camera, or a screen share in one direction),
 * kept alive across the PeerJS calls that carry it. PeerJS closes a call on ICE failure and never
 * renegotiates, so recovery is a new call: the initiator re-dials with the reconnect policy's backoff,
 * the other side waits for it. While media is down the link says `connecting`/`reconnecting`; once
 * it has been down for `giveUpAfterMs` (or cannot be fixed by a retry) it says `failed`, and keeps
 * re-dialling in the background until media flows again. Its states and transitions are in
 * callLinkState.ts; this class holds the call and the timers that feed them events.
 */
export class CallLink {
  private link: CallLinkState = INITIAL_CALL_LINK_STATE;
  /** What the tile was last told, so each change is reported once. */
  private reported: { state: ConnectionState; failure: MediaFailure | null } = { state: 'connecting', failure: null };
  private call: MediaCall | null = null;
  private stopWatching: Unsubscribe | null = null;
  private readonly retry: RetryTimer;
  private giveUpTimer: ReturnType<typeof setTimeout> | null = null;
  /** The initiator wanted to dial while our Peer could not place calls: `resume` dials. */
  private waitingForPeer = false;
  private readonly logger: Logger;

  constructor(private readonly options: CallLinkOptions) {
    this.retry = new RetryTimer(options.policy);
    this.logger = options.logger ?? consoleLogger;
  }

  get state(): ConnectionState {
    return this.reported.state;
  }

  get peerConnection(): RTCPeerConnection | null {
    return this.call?.peerConnection ?? null;
  }

  /** Whether media is flowing on this link now. */
  get live(): boolean {
    return this.link.name === 'connected';
  }

  private get closed(): boolean {
    return this.link.name === 'closed';
  }

  /** Initiator: place the first call. Other side: start waiting for it. */
  start(): void {
    this.armGiveUp();
    if (this.options.initiator) this.dialNow();
  }

  /** An incoming call for this link (the first one, or the other side's reconnect). */
  accept(call: MediaCall): void {
    if (this.closed) {
      call.close();
      return;
    }
    this.retry.cancel();
    this.armGiveUp();
    this.adopt(call);
    this.options.answer(call);
    this.watch(call);
  }

  /** The Peer can place calls again (it opened or reconnected): dial if a retry was waiting for that. */
  resume(): void {
    if (this.closed || !this.options.initiator) return;
    if (this.waitingForPeer || (this.call === null && !this.retry.pending)) this.dialNow();
  }

  /** Replace what this side sends, on the live call (no renegotiation); reserved transceivers are left alone. */
  replaceTrack(kind: 'audio' | 'video', track: MediaStreamTrack | null): void {
    const pc = this.peerConnection;
    if (!pc) return;
    for (const transceiver of pc.getTransceivers()) {
      if (transceiver.receiver.track.kind !== kind || transceiver.currentDirection === 'stopped') continue;
      if (this.options.reserved?.(transceiver)) continue;
      transceiver.sender.replaceTrack(track).catch((error: unknown) => {
        this.logger.warn(`replaceTrack(${kind}) to ${this.options.peerId} failed`, error);
      });
    }
  }

  /** Ends the link for good: the participant left, or we did. */
  close(): void {
    if (this.closed) return;
    this.apply({ type: 'closed' });
    this.retry.cancel();
    this.clearGiveUp();
    const call = this.detach();
    call?.close();
  }

  private dialNow(): void {
    if (this.closed) return;
    this.retry.cancel();
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
    this.apply({ type: 'placed' });
    call.on('stream', (stream) => {
      if (this.call === call) this.options.onStream(stream);
    });
    call.on('close', () => {
      if (this.call === call) this.dropped({ type: 'dropped' });
    });
    call.on('error', (error) => {
      this.logger.warn(`call to ${this.options.peerId}:`, error.message);
    });
  }

  private watch(call: MediaCall): void {
    const pc = call.peerConnection;
    if (!pc) return;
    this.stopWatching = watchConnection(pc, this.options.connectTimeoutMs, {
      connected: () => {
        if (this.call !== call) return;
        this.retry.reset();
        this.clearGiveUp();
        this.apply({ type: 'ice-connected' });
      },
      interrupted: () => {
        if (this.call !== call) return;
        this.armGiveUp();
        this.apply({ type: 'interrupted' });
      },
      failed: (failure) => {
        if (this.call === call) this.dropped({ type: 'call-failed', failure });
      },
    });
  }

  /** The current call is gone (closed by either side, or given up on): clean up and recover. */
  private dropped(event: Extract<CallLinkEvent, { type: 'dropped' | 'call-failed' }>): void {
    const call = this.detach();
    call?.close();
    this.options.onStream(null);
    if (this.closed) return;
    this.apply(event);
    this.armGiveUp();
    if (!this.options.initiator) return; // the other side places the new call
    this.retry.schedule(() => this.dialNow());
    if (this.retry.exhausted) this.apply({ type: 'gave-up' });
  }

  /** Media is down: unless it flows again in time, say so (once per outage). */
  private armGiveUp(): void {
    if (this.giveUpTimer !== null || this.closed) return;
    this.giveUpTimer = setTimeout(() => {
      this.giveUpTimer = null;
      this.apply({ type: 'gave-up' });
    }, this.options.giveUpAfterMs);
  }

  private clearGiveUp(): void {
    if (this.giveUpTimer !== null) clearTimeout(this.giveUpTimer);
    this.giveUpTimer = null;
  }

  private detach(): MediaCall | null {
    const call = this.call;
    this.call = null;
    this.stopWatching?.();
    this.stopWatching = null;
    return call;
  }

  /** Moves to the next state and tells the tile if what it shows changed. */
  private apply(event: CallLinkEvent): void {
    const link = nextCallLinkState(this.link, event);
    this.link = link;
    if (link.name === 'closed') return;
    const failure = link.name === 'failed' ? link.shown : null;
    if (link.name === this.reported.state && failure === this.reported.failure) return;
    this.reported = { state: link.name, failure };
    this.options.onState(link.name, failure);
  }
}

import type { ApiError } from '@wava/protocol';
import { onServerEvent } from '../../call/onServerEvent.js';
import type { SignalingChannel } from '../../call/signalingChannel.js';

/** Where a person knocking on a meeting stands. */
export type LobbyPhase =
  /** Not asked yet (a guest looking at their camera preview). */
  | { name: 'ready' }
  | { name: 'knocking' }
  /** In the waiting room: the host has been told. */
  | { name: 'waiting' }
  /** Let in: join the meeting now. */
  | { name: 'admitted' }
  | { name: 'denied'; retryAfterSeconds: number }
  | { name: 'ended' }
  | { name: 'failed'; error: ApiError };

/**
 * One person asking to be let into a meeting, over a connection of its own (it holds no seat: the meeting's own
 * connection opens once admitted). After a reconnect (or a server restart) it knocks again with its ticket, and
 * keeps its place in the queue. Plain TypeScript; React reads `getSnapshot` through `useSyncExternalStore`.
 */
export class LobbyClient {
  private phase: LobbyPhase = { name: 'ready' };
  private ticket: string | undefined;
  private readonly listeners = new Set<() => void>();
  private closed = false;

  constructor(
    private readonly signaling: SignalingChannel,
    readonly code: string,
  ) {
    signaling.on('connected', () => {
      if (this.phase.name === 'knocking' || this.phase.name === 'waiting') void this.sendKnock();
    });
    signaling.on('refused', (error) =>
      this.set(error.code === 'MEETING_ENDED' ? { name: 'ended' } : { name: 'failed', error }),
    );
    onServerEvent(signaling, 'lobby:admitted', (admitted) => {
      if (admitted.code === code && this.phase.name === 'waiting') this.set({ name: 'admitted' });
    });
    onServerEvent(signaling, 'lobby:denied', (denied) => {
      if (denied.code === code) this.set({ name: 'denied', retryAfterSeconds: denied.retryAfterSeconds });
    });
    onServerEvent(signaling, 'meeting:ended', () => this.set({ name: 'ended' }));
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): LobbyPhase => this.phase;

  /** Asks to be let in (again, after a denial's wait or a failure). */
  knock(): void {
    if (this.closed || !['ready', 'denied', 'failed'].includes(this.phase.name)) return;
    this.set({ name: 'knocking' });
    if (this.signaling.connected) void this.sendKnock();
    else this.signaling.connect();
  }

  /** Stops waiting and closes the connection. */
  leave(): void {
    if (this.phase.name === 'waiting' && this.signaling.connected) {
      void this.signaling.request('lobby:leave', {}).finally(() => this.close());
    } else {
      this.close();
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.signaling.close();
    this.listeners.clear();
  }

  private async sendKnock(): Promise<void> {
    const result = await this.signaling.request(
      'lobby:knock',
      this.ticket === undefined ? { code: this.code } : { code: this.code, ticket: this.ticket },
    );
    if (this.phase.name !== 'knocking' && this.phase.name !== 'waiting') return;
    if (!result.ok) {
      const { error } = result;
      // Lost the connection meanwhile: the next `connected` knocks again.
      if (error.code === 'SERVER_UNREACHABLE' && !this.signaling.connected) return;
      if (error.code === 'LOBBY_DENIED') this.set({ name: 'denied', retryAfterSeconds: error.retryAfterSeconds ?? 0 });
      else if (error.code === 'MEETING_ENDED') this.set({ name: 'ended' });
      else this.set({ name: 'failed', error });
      return;
    }
    if (result.data.state === 'admitted') return this.set({ name: 'admitted' });
    this.ticket = result.data.ticket;
    this.set({ name: 'waiting' });
  }

  private set(phase: LobbyPhase): void {
    if (this.closed) return;
    this.phase = phase;
    for (const listener of [...this.listeners]) listener();
  }
}

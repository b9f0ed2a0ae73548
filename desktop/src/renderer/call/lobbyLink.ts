import type { Knocker, LobbyQueue, Result } from '@wava/protocol';
import { onServerEvent } from './onServerEvent.js';
import type { SignalingChannel } from './signalingChannel.js';

/**
 * The host's side of the waiting room, over the meeting's own connection: who is knocking (`lobby:queue`, checked
 * against protocol), and admit, deny or admit everyone. The server sends the queue only to those who may admit.
 */
export class LobbyLink {
  private knockers: readonly Knocker[] = [];
  private readonly listeners = new Set<() => void>();

  constructor(private readonly signaling: Pick<SignalingChannel, 'request' | 'onServer'>) {
    onServerEvent(signaling, 'lobby:queue', ({ knockers }) => this.set(knockers));
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): readonly Knocker[] => this.knockers;

  admit(id: string): Promise<Result<LobbyQueue>> {
    return this.answer(this.signaling.request('lobby:admit', { id }));
  }

  deny(id: string): Promise<Result<LobbyQueue>> {
    return this.answer(this.signaling.request('lobby:deny', { id }));
  }

  admitAll(): Promise<Result<LobbyQueue>> {
    return this.answer(this.signaling.request('lobby:admit-all', {}));
  }

  private async answer(pending: Promise<Result<LobbyQueue>>): Promise<Result<LobbyQueue>> {
    const result = await pending;
    if (result.ok) this.set(result.data.knockers);
    return result;
  }

  private set(knockers: readonly Knocker[]): void {
    this.knockers = knockers;
    for (const listener of [...this.listeners]) listener();
  }
}

import type { PeerClient } from './PeerClient.js';

/** The open PeerJS clients of this server, by peer id, with counts per account. */
export class PeerRealm {
  private readonly clients = new Map<string, PeerClient>();
  private readonly perUser = new Map<string, number>();

  get size(): number {
    return this.clients.size;
  }

  get(id: string): PeerClient | undefined {
    return this.clients.get(id);
  }

  countOf(userId: string): number {
    return this.perUser.get(userId) ?? 0;
  }

  /** Registers a client; returns the one it replaces under the same id, if any. */
  set(client: PeerClient): PeerClient | undefined {
    const previous = this.clients.get(client.id);
    if (previous) this.delete(previous);
    this.clients.set(client.id, client);
    this.perUser.set(client.userId, this.countOf(client.userId) + 1);
    return previous;
  }

  /** Forgets a client, only if it is still the one registered under its id. */
  delete(client: PeerClient): boolean {
    if (this.clients.get(client.id) !== client) return false;
    this.clients.delete(client.id);
    const left = this.countOf(client.userId) - 1;
    if (left > 0) this.perUser.set(client.userId, left);
    else this.perUser.delete(client.userId);
    return true;
  }

  all(): PeerClient[] {
    return [...this.clients.values()];
  }
}

/**
 * After a server restart, people whose calls still flow are kept for a while even though the server
 * does not list them yet: they are rejoining too. Each gets a timer that drops them unless they reappear.
 */
export class GraceTimers {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(private readonly graceMs: number) {}

  start(peerId: string, onExpired: (peerId: string) => void): void {
    this.cancel(peerId);
    this.timers.set(
      peerId,
      setTimeout(() => {
        this.timers.delete(peerId);
        onExpired(peerId);
      }, this.graceMs),
    );
  }

  cancel(peerId: string): void {
    clearTimeout(this.timers.get(peerId));
    this.timers.delete(peerId);
  }

  clear(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}

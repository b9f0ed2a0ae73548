import type { MediaCall } from './mediaCall.js';

/**
 * Calls from someone our server has not announced yet: a call can arrive over PeerJS before the server's
 * participant:joined arrives over the socket. Each is held unanswered until its caller is announced, and
 * refused when that has not happened within the grace.
 */
export class UnknownCalls {
  private readonly held = new Map<MediaCall, ReturnType<typeof setTimeout>>();

  constructor(private readonly graceMs: number) {}

  hold(call: MediaCall): void {
    const timer = setTimeout(() => {
      this.held.delete(call);
      call.close();
    }, this.graceMs);
    this.held.set(call, timer);
  }

  /** The calls held from this caller, in the order they came, no longer held (to be routed now). */
  release(peerId: string): MediaCall[] {
    const calls = [...this.held.keys()].filter((call) => call.peer === peerId);
    for (const call of calls) {
      clearTimeout(this.held.get(call));
      this.held.delete(call);
    }
    return calls;
  }

  refuseAll(): void {
    for (const [call, timer] of this.held) {
      clearTimeout(timer);
      call.close();
    }
    this.held.clear();
  }
}

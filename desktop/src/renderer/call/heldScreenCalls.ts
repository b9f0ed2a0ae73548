import type { MediaCall } from './mediaCall.js';

/**
 * Screen calls of their own (`kind: 'screen'`, from clients without the screen slot) whose caller our server does
 * not list as sharing. Such a call is held unanswered, so no media flows: it is answered once the server says
 * its caller shares (that word may come a moment after the call, over the other connection), and refused when
 * it has not come within the grace. Someone the host keeps from sharing, or who shares while another person
 * presents, thus cannot make anyone receive a screen nobody sees. One held call per caller: a newer one
 * replaces it.
 */
export class HeldScreenCalls {
  private readonly held = new Map<string, { call: MediaCall; timer: ReturnType<typeof setTimeout> }>();

  constructor(private readonly graceMs: number) {}

  hold(call: MediaCall): void {
    const peerId = call.peer;
    this.refuse(peerId);
    const timer = setTimeout(() => this.refuse(peerId), this.graceMs);
    this.held.set(peerId, { call, timer });
    call.on('close', () => {
      if (this.held.get(peerId)?.call !== call) return;
      clearTimeout(timer);
      this.held.delete(peerId);
    });
  }

  /** The call held for this caller, no longer held (to be answered now), if any. */
  release(peerId: string): MediaCall | undefined {
    const entry = this.held.get(peerId);
    if (!entry) return undefined;
    clearTimeout(entry.timer);
    this.held.delete(peerId);
    return entry.call;
  }

  /** Closes the call held for this caller, if any. */
  refuse(peerId: string): void {
    this.release(peerId)?.close();
  }

  refuseAll(): void {
    for (const peerId of [...this.held.keys()]) this.refuse(peerId);
  }
}

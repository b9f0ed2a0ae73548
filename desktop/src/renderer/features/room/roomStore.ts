import type { ApiError, ChatMessage, RaisedHand, ReactionEmoji } from '@wava/protocol';
import type { RoomLink } from '../../call/roomLink.js';

/**
 * A refusal from the server, as data: its sentence is written where it is shown (`errorSentence` at render), so it
 * follows a language switch.
 */
export type RoomProblem = Pick<ApiError, 'code' | 'retryAfterSeconds'>;

const problem = (error: ApiError): RoomProblem => ({ code: error.code, retryAfterSeconds: error.retryAfterSeconds });

/** How long a reaction floats over its sender's tile. */
export const REACTION_MS = 4_000;
/** Messages kept on screen; older ones drop off the top (the server keeps the whole history). */
const MAX_MESSAGES = 500;

export interface FloatingReaction {
  key: number;
  peerId: string;
  emoji: ReactionEmoji;
}

export interface RoomState {
  /** Oldest first, one per id. */
  messages: readonly ChatMessage[];
  /** In the order they went up. */
  hands: readonly RaisedHand[];
  reactions: readonly FloatingReaction[];
  /** Messages from others that arrived while the chat was closed. */
  unread: number;
  chatOpen: boolean;
  /** The latest message from someone else, for the live region (null at first). */
  lastIncoming: ChatMessage | null;
  /** True once the host cleared the chat (until the next message). */
  cleared: boolean;
}

const EMPTY: RoomState = {
  messages: [],
  hands: [],
  reactions: [],
  unread: 0,
  chatOpen: false,
  lastIncoming: null,
  cleared: false,
};

/**
 * The meeting's chat, raised hands and reactions on this client: fed by the server's events over the meeting's
 * connection (each payload checked), with an immutable snapshot React reads through `useSyncExternalStore`.
 */
export class RoomStore {
  private state: RoomState = EMPTY;
  private readonly listeners = new Set<() => void>();
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private nextKey = 0;
  private disposed = false;

  private readonly unsubscribes: (() => void)[];

  constructor(private readonly link: RoomLink) {
    this.unsubscribes = [
      link.on('chat:message', (message) => this.received([message], true)),
      link.on('chat:history', ({ messages }) => this.historyReceived(messages)),
      link.on('chat:cleared', () => this.set({ messages: [], unread: 0, lastIncoming: null, cleared: true })),
      link.on('hand:changed', ({ hands }) => this.set({ hands })),
      link.on('reaction', ({ peerId, emoji }) => this.float(peerId, emoji)),
    ];
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): RoomState => this.state;

  setChatOpen(open: boolean): void {
    this.set(open ? { chatOpen: true, unread: 0 } : { chatOpen: false });
  }

  /** Sends a message (privately when `to` is a peer id); resolves with the server's refusal, or null once sent. */
  async send(text: string, to: string | null): Promise<RoomProblem | null> {
    const reply = await this.link.request('chat:send', to ? { text, to } : { text });
    if (!reply.ok) return problem(reply.error);
    this.received([reply.data], false);
    return null;
  }

  async raiseHand(): Promise<void> {
    const reply = await this.link.request('hand:raise', {});
    if (reply.ok) this.set({ hands: reply.data.hands });
  }

  /** Lowers one's own hand, or (the host) someone else's. */
  async lowerHand(peerId?: string): Promise<void> {
    const reply = await this.link.request('hand:lower', peerId ? { peerId } : {});
    if (reply.ok) this.set({ hands: reply.data.hands });
  }

  /** Sends a reaction; it floats over one's own tile too. Resolves with the server's refusal, or null. */
  async react(emoji: ReactionEmoji): Promise<RoomProblem | null> {
    const reply = await this.link.request('reaction:send', { emoji });
    if (!reply.ok) return problem(reply.error);
    this.float(reply.data.peerId, reply.data.emoji);
    return null;
  }

  /** Host only. Resolves with the server's refusal, or null. */
  async clearChat(): Promise<RoomProblem | null> {
    const reply = await this.link.request('chat:clear', {});
    return reply.ok ? null : problem(reply.error);
  }

  dispose(): void {
    this.disposed = true;
    for (const unsubscribe of this.unsubscribes) unsubscribe();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.listeners.clear();
  }

  /**
   * The whole history this person may read (sent when our seat becomes ready, again after a reconnect): it
   * replaces what we had, so a chat cleared meanwhile is empty here too; messages newer than its newest stay.
   */
  private historyReceived(history: readonly ChatMessage[]): void {
    const newest = history.at(-1)?.sentAt;
    // An empty history: the chat is empty (cleared while we were away).
    const later = newest === undefined ? [] : this.state.messages.filter((message) => message.sentAt > newest);
    this.state = { ...this.state, messages: [] };
    this.received([...history, ...later], false);
    if (this.state.messages.length === 0) this.set({});
  }

  private received(incoming: readonly ChatMessage[], live: boolean): void {
    const known = new Set(this.state.messages.map((message) => message.id));
    const fresh = incoming.filter((message) => !known.has(message.id));
    if (fresh.length === 0) return;
    const messages = [...this.state.messages, ...fresh]
      .sort((a, b) => a.sentAt.localeCompare(b.sentAt))
      .slice(-MAX_MESSAGES);
    const unread = live && !this.state.chatOpen ? this.state.unread + fresh.length : this.state.unread;
    this.set({
      messages,
      unread,
      cleared: false,
      lastIncoming: live ? (fresh.at(-1) ?? null) : this.state.lastIncoming,
    });
  }

  private float(peerId: string, emoji: ReactionEmoji): void {
    const key = (this.nextKey += 1);
    this.set({ reactions: [...this.state.reactions, { key, peerId, emoji }] });
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.set({ reactions: this.state.reactions.filter((reaction) => reaction.key !== key) });
    }, REACTION_MS);
    this.timers.add(timer);
  }

  private set(change: Partial<RoomState>): void {
    if (this.disposed) return;
    this.state = { ...this.state, ...change };
    for (const listener of this.listeners) listener();
  }
}

import {
  apiError,
  type ClientEventName,
  type ClientPayload,
  type ClientReply,
  type Result,
  type ServerEventName,
} from '@wava/protocol';
import { describe, expect, it } from 'vitest';
import type { SignalingChannel, SignalingEvents } from '../../src/renderer/call/signalingChannel.js';
import { LobbyClient } from '../../src/renderer/features/lobby/lobbyClient.js';
import { Emitter } from '../../src/renderer/util/emitter.js';

type Answer = Result<unknown>;

/** The waiting room's connection as the server would answer it: knocks answered from a script, events pushed. */
class ScriptedSignaling implements SignalingChannel {
  connected = false;
  closed = false;
  readonly sent: Array<{ event: ClientEventName; payload: unknown }> = [];
  private readonly emitter = new Emitter<SignalingEvents>();
  private readonly server = new Map<string, (payload: unknown) => void>();
  constructor(private readonly answers: Answer[]) {}
  on<K extends keyof SignalingEvents>(event: K, listener: (payload: SignalingEvents[K]) => void) {
    return this.emitter.on(event, listener);
  }
  onServer(event: ServerEventName, listener: (payload: unknown) => void): void {
    this.server.set(event, listener);
  }
  connect(): void {
    this.connected = true;
    this.emitter.emit('connected', undefined);
  }
  reconnect(): void {}
  request<K extends ClientEventName>(event: K, payload: ClientPayload<K>): Promise<Result<ClientReply<K>>> {
    this.sent.push({ event, payload });
    const answer = event === 'lobby:knock' ? this.answers.shift() : { ok: true, data: null };
    return Promise.resolve((answer ?? { ok: false, error: apiError('INTERNAL') }) as Result<ClientReply<K>>);
  }
  close(): void {
    this.closed = true;
  }
  /** The connection dropped and came back (a server restart). */
  bounce(): void {
    this.connected = false;
    this.emitter.emit('disconnected', { reason: 'transport close', willReconnect: true });
    this.connect();
  }
  push(event: ServerEventName, payload: unknown): void {
    this.server.get(event)?.(payload);
  }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const waiting = (ticket: string): Answer => ({ ok: true, data: { state: 'waiting', ticket } });

describe('LobbyClient (one person knocking)', () => {
  it('waits, knocks again with its ticket after a reconnect, and is let in', async () => {
    const signaling = new ScriptedSignaling([waiting('t1'), waiting('t1')]);
    const lobby = new LobbyClient(signaling, 'abc-defg-hij');
    expect(lobby.getSnapshot()).toEqual({ name: 'ready' });
    lobby.knock();
    await settle();
    expect(lobby.getSnapshot()).toEqual({ name: 'waiting' });
    signaling.bounce();
    await settle();
    expect(signaling.sent.map((sent) => sent.payload)).toEqual([
      { code: 'abc-defg-hij' },
      { code: 'abc-defg-hij', ticket: 't1' },
    ]);
    signaling.push('lobby:admitted', { code: 'another-code' });
    expect(lobby.getSnapshot()).toEqual({ name: 'waiting' });
    signaling.push('lobby:admitted', { code: 'abc-defg-hij' });
    expect(lobby.getSnapshot()).toEqual({ name: 'admitted' });
  });

  it('says when it was turned away, for how long, and may ask again', async () => {
    const signaling = new ScriptedSignaling([
      waiting('t1'),
      { ok: false, error: apiError('LOBBY_DENIED', 90) },
      waiting('t2'),
    ]);
    const lobby = new LobbyClient(signaling, 'abc-defg-hij');
    lobby.knock();
    await settle();
    signaling.push('lobby:denied', { code: 'abc-defg-hij', retryAfterSeconds: 120 });
    expect(lobby.getSnapshot()).toEqual({ name: 'denied', retryAfterSeconds: 120 });
    lobby.knock();
    await settle();
    expect(lobby.getSnapshot()).toEqual({ name: 'denied', retryAfterSeconds: 90 });
    lobby.knock();
    await settle();
    expect(lobby.getSnapshot()).toEqual({ name: 'waiting' });
  });

  it('goes straight on when there is nothing to wait for, and hears when the meeting ends', async () => {
    const open = new ScriptedSignaling([{ ok: true, data: { state: 'admitted' } }]);
    const straight = new LobbyClient(open, 'abc-defg-hij');
    straight.knock();
    await settle();
    expect(straight.getSnapshot()).toEqual({ name: 'admitted' });

    const ending = new ScriptedSignaling([waiting('t1')]);
    const lobby = new LobbyClient(ending, 'abc-defg-hij');
    lobby.knock();
    await settle();
    ending.push('meeting:ended', { code: 'abc-defg-hij' });
    expect(lobby.getSnapshot()).toEqual({ name: 'ended' });
  });

  it('tells the server it stops waiting when the person leaves, then closes', async () => {
    const signaling = new ScriptedSignaling([waiting('t1')]);
    const lobby = new LobbyClient(signaling, 'abc-defg-hij');
    lobby.knock();
    await settle();
    lobby.leave();
    await settle();
    expect(signaling.sent.at(-1)?.event).toBe('lobby:leave');
    expect(signaling.closed).toBe(true);
  });
});

import type { ServerEventName } from '@wava/protocol';
import { describe, expect, it } from 'vitest';
import { listenToServer } from '../../src/renderer/call/listenToServer.js';
import { onServerEvent } from '../../src/renderer/call/onServerEvent.js';
import type { SignalingChannel } from '../../src/renderer/call/signalingChannel.js';

/** The server's side of the link as far as events go: `send` delivers a payload as Socket.io would. */
function serverEvents() {
  const listeners = new Map<ServerEventName, ((payload: unknown) => void)[]>();
  const signaling: Pick<SignalingChannel, 'onServer'> = {
    onServer: (event, listener) => listeners.set(event, [...(listeners.get(event) ?? []), listener]),
  };
  const send = (event: ServerEventName, payload: unknown) =>
    listeners.get(event)?.forEach((listener) => listener(payload));
  return { signaling, send };
}

describe('onServerEvent', () => {
  it('hands on a payload protocol accepts, and drops one it does not (or reports it when asked)', () => {
    const { signaling, send } = serverEvents();
    const heard: unknown[] = [];
    onServerEvent(signaling, 'participant:left', ({ peerId }) => heard.push(peerId));
    onServerEvent(
      signaling,
      'chat:cleared',
      () => heard.push('cleared'),
      () => heard.push('malformed chat:cleared'),
    );
    send('participant:left', { peerId: 'b-peer', reason: 'left' });
    send('participant:left', { peer: 'b-peer', reason: 'left' });
    send('participant:left', 'b-peer');
    send('chat:cleared', 42);
    expect(heard).toEqual(['b-peer', 'malformed chat:cleared']);
  });
});

describe('listenToServer: events whose arrival is the news', () => {
  function listen() {
    const { signaling, send } = serverEvents();
    const told: unknown[] = [];
    listenToServer(signaling as SignalingChannel, {
      participantJoined: () => told.push('joined'),
      participantUpdated: () => told.push('updated'),
      participantLeft: (peerId) => told.push(`left ${peerId}`),
      meetingEnded: () => told.push('ended'),
      shuttingDown: (reconnectAfterMs) => told.push(['shutting down', reconnectAfterMs]),
      sessionRevoked: (code) => told.push(['revoked', code]),
      meetingMode: () => told.push('mode'),
      sfuCarried: (peerId) => told.push(`carried ${peerId}`),
    });
    return { send, told };
  }

  it('a revoked sign-in ends the session even when its payload cannot be read, with the generic code', () => {
    const { send, told } = listen();
    send('session:revoked', { code: 'REFRESH_REUSED', message: 'Signed out.' });
    send('session:revoked', { code: 'NOT_A_CODE', message: 'Signed out.' });
    expect(told).toEqual([
      ['revoked', 'REFRESH_REUSED'],
      ['revoked', 'TOKEN_INVALID'],
    ]);
  });

  it('a shutdown is heard even without a readable wait, and a malformed participant event is dropped', () => {
    const { send, told } = listen();
    send('server:shutdown', { reconnectAfterMs: 2_000 });
    send('server:shutdown', { reconnectAfterMs: -1 });
    send('participant:joined', { peerId: 'b-peer' });
    expect(told).toEqual([
      ['shutting down', 2_000],
      ['shutting down', null],
    ]);
  });
});

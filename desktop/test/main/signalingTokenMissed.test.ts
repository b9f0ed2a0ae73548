import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apiError, createApiClient, type ApiError } from '@wava/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { MeetingSignaling } from '../../src/renderer/call/meetingSignaling.js';
import type { AuthStore } from '../../src/renderer/platform/Platform.js';
import { useRealServer } from './support/realServer.js';

// The meeting's connection is renderer code, tested here against the real server: the renderer's tests may not
// import Node, which the server needs.
const startServer = useRealServer();
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** An AuthStore whose first answers are `failures` (a refresh that failed), then the real access token. */
function authAnswering(token: string, failures: ApiError[]): AuthStore & { asked: () => number } {
  let asked = 0;
  return {
    register: async () => ({ ok: false, error: apiError('INTERNAL') }),
    login: async () => ({ ok: false, error: apiError('INTERNAL') }),
    restore: async () => null,
    logout: async () => undefined,
    accessToken: async () => {
      const failure = failures[asked];
      asked += 1;
      return failure ? { ok: false, error: failure } : { ok: true, data: token };
    },
    asked: () => asked,
  };
}

async function signedUp() {
  const dir = mkdtempSync(join(tmpdir(), 'wava-signaling-'));
  dirs.push(dir);
  const server = await startServer(dir);
  const registered = await createApiClient(server.url).register({
    username: 'ada',
    displayName: 'Ada',
    password: 'correct horse battery',
  });
  if (!registered.ok) throw new Error(registered.error.code);
  return { url: server.url, token: registered.data.accessToken };
}

/** How the connection's first handshakes end: connected, or refused (with the code). */
function outcomeOf(signaling: MeetingSignaling): Promise<string> {
  return new Promise<string>((resolve) => {
    signaling.on('connected', () => resolve('connected'));
    signaling.on('refused', (error) => resolve(`refused: ${error.code}`));
  });
}

describe('MeetingSignaling without a token for a moment', () => {
  it('a token that could not be had for a passing reason (the refresh got no answer) is asked again, not taken for a sign-out', async () => {
    const { url, token } = await signedUp();
    const auth = authAnswering(token, [apiError('SERVER_UNREACHABLE'), apiError('INTERNAL')]);
    const signaling = new MeetingSignaling(url, auth);
    const outcome = outcomeOf(signaling);
    signaling.connect();
    try {
      expect(await outcome).toBe('connected');
      expect(auth.asked()).toBe(3);
    } finally {
      signaling.close();
    }
  });

  it('signed out meanwhile: refused at once, as before', async () => {
    const { url, token } = await signedUp();
    const auth = authAnswering(token, [apiError('UNAUTHENTICATED')]);
    const signaling = new MeetingSignaling(url, auth);
    const outcome = outcomeOf(signaling);
    signaling.connect();
    try {
      expect(await outcome).toBe('refused: UNAUTHENTICATED');
      expect(auth.asked()).toBe(1);
    } finally {
      signaling.close();
    }
  });
});

import { ERROR_CODES } from '@wava/protocol';
import { describe, expect, it } from 'vitest';
import { resumeRefusalAction } from '../../src/renderer/call/resumeRefusal.js';

describe('resumeRefusalAction (the server refused our rejoin after a reconnect)', () => {
  it.each([
    ['MEETING_ENDED', 'end'],
    ['MEETING_NOT_FOUND', 'end'],
    ['MEETING_FULL', 'end'],
    ['REFRESH_REUSED', 'end'],
    ['NOT_IN_MEETING', 'end'],
    ['PEER_ID_REJECTED', 'join-fresh'],
    ['SERVER_SHUTTING_DOWN', 'retry'],
    ['SERVER_UNREACHABLE', 'retry'],
    ['INTERNAL', 'retry'],
    ['RATE_LIMITED', 'retry'],
  ] as const)('%s: %s', (code, action) => {
    expect(resumeRefusalAction(code)).toBe(action);
  });

  it('has an answer for every error code', () => {
    for (const code of ERROR_CODES) expect(['end', 'join-fresh', 'retry']).toContain(resumeRefusalAction(code));
  });
});

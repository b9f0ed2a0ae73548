import { describe, expect, it } from 'vitest';
import { chatRefusal, roleIn, type MeetingRole } from '../src/index.js';

describe('roles from the meeting controls', () => {
  const controls = { hostUserId: 'u-host', coHostUserIds: ['u-co'] };
  it.each<[string, MeetingRole]>([
    ['u-host', 'host'],
    ['u-co', 'co-host'],
    ['u-other', 'participant'],
  ])('%s is %s', (userId, role) => expect(roleIn(controls, userId)).toBe(role));
});

describe('which chat messages the meeting settings refuse', () => {
  it.each<[string, MeetingRole, 'everyone' | 'hosts', MeetingRole | null, 'CHAT_HOSTS_ONLY' | null]>([
    ['anyone to everyone while everyone may chat', 'participant', 'everyone', null, null],
    ['a participant to everyone while only hosts may', 'participant', 'hosts', null, 'CHAT_HOSTS_ONLY'],
    ['a participant privately to another participant', 'participant', 'hosts', 'participant', 'CHAT_HOSTS_ONLY'],
    ['a participant privately to the host', 'participant', 'hosts', 'host', null],
    ['a participant privately to a co-host', 'participant', 'hosts', 'co-host', null],
    ['a co-host to everyone', 'co-host', 'hosts', null, null],
    ['the host to everyone', 'host', 'hosts', null, null],
  ])('%s', (_case, role, chat, recipient, expected) => {
    expect(chatRefusal({ role, settings: { chat }, recipient })).toBe(expected);
  });
});

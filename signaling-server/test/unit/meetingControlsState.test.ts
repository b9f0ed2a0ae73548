import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CONTROLS_STATE,
  hostUserId,
  pickSuccessor,
  roleIn,
  roleOf,
  toControlsDto,
} from '../../src/meetings/meetingControlsState.js';

const at = (minute: number) => `2026-01-01T10:${String(minute).padStart(2, '0')}:00.000Z`;

describe('who takes over hosting', () => {
  it.each([
    { name: 'nobody there', present: [], coHosts: [], expected: null },
    {
      name: 'the longest present',
      present: [
        { userId: 'b', joinedAt: at(5) },
        { userId: 'a', joinedAt: at(1) },
      ],
      coHosts: [],
      expected: 'a',
    },
    {
      name: 'a co-host before anyone who came earlier',
      present: [
        { userId: 'a', joinedAt: at(1) },
        { userId: 'c', joinedAt: at(9) },
        { userId: 'b', joinedAt: at(5) },
      ],
      coHosts: ['c', 'b'],
      expected: 'b',
    },
    {
      name: 'co-hosts not present do not count',
      present: [{ userId: 'a', joinedAt: at(1) }],
      coHosts: ['z'],
      expected: 'a',
    },
  ])('$name', ({ present, coHosts, expected }) => {
    expect(pickSuccessor(present, coHosts)).toBe(expected);
  });
});

describe('roles', () => {
  const controls = {
    meetingId: 'm',
    ownerId: 'owner',
    title: 'T',
    version: 3,
    state: { ...DEFAULT_CONTROLS_STATE, actingHostId: 'ann', coHostIds: ['ann', 'bob', 'owner'] },
  };

  it('the acting host hosts; the creator is then a co-host like anyone listed', () => {
    expect(hostUserId(controls)).toBe('ann');
    expect(['ann', 'bob', 'owner', 'cy'].map((id) => roleOf(controls, id))).toEqual([
      'host',
      'co-host',
      'co-host',
      'participant',
    ]);
    expect(hostUserId({ ...controls, state: { ...controls.state, actingHostId: null } })).toBe('owner');
  });

  it('clients are told the same roles the server decides with', () => {
    const dto = toControlsDto(controls);
    expect(dto.coHostUserIds).toEqual(['bob', 'owner']);
    for (const id of ['ann', 'bob', 'owner', 'cy']) expect(roleIn(dto, id)).toBe(roleOf(controls, id));
  });
});

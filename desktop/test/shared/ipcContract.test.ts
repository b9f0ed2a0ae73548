import { describe, expect, it } from 'vitest';
import { EVENT, INVOKE, SEND } from '../../src/shared/ipcChannels.js';
import {
  eventSchemas,
  imageDataUrlSchema,
  invokeSchemas,
  meetingPresenceSchema,
  screenPickerAnswerSchema,
  sendSchemas,
  shellCommandSchema,
} from '../../src/shared/ipcSchemas.js';

describe('IPC contract', () => {
  it('has a schema for every channel, and no schema without a channel', () => {
    expect(Object.keys(invokeSchemas).sort()).toEqual(Object.values(INVOKE).sort());
    expect(Object.keys(sendSchemas).sort()).toEqual(Object.values(SEND).sort());
    expect(Object.keys(eventSchemas).sort()).toEqual(Object.values(EVENT).sort());
  });

  it('uses unique, namespaced channel names', () => {
    const all = [...Object.values(INVOKE), ...Object.values(SEND), ...Object.values(EVENT)];
    expect(new Set(all).size).toBe(all.length);
    expect(all.every((channel) => channel.startsWith('wava:'))).toBe(true);
  });

  it('knows exactly the shell commands the renderer handles', () => {
    expect(shellCommandSchema.options).toEqual([
      'toggle-microphone',
      'toggle-camera',
      'toggle-screen-share',
      'leave-meeting',
    ]);
  });

  it('rejects image data URLs that are not plain base64 PNG or JPEG', () => {
    expect(imageDataUrlSchema.safeParse('data:image/png;base64,iVBORw0KGgo=').success).toBe(true);
    for (const bad of [
      'data:image/svg+xml;base64,PHN2Zz4=',
      'data:text/html;base64,PHNjcmlwdD4=',
      'javascript:alert(1)',
      'https://evil.example/x.png',
      'data:image/png;base64,AAA" onerror="alert(1)',
    ]) {
      expect(imageDataUrlSchema.safeParse(bad).success, bad).toBe(false);
    }
  });

  it('rejects presence with impossible values and unknown keys', () => {
    const ok = { inMeeting: true, sharingScreen: false, meetingCode: null, participantCount: 2 };
    expect(meetingPresenceSchema.safeParse(ok).success).toBe(true);
    expect(meetingPresenceSchema.safeParse({ ...ok, participantCount: 1.5 }).success).toBe(false);
    expect(meetingPresenceSchema.safeParse({ ...ok, admin: true }).success).toBe(false);
  });

  it('accepts a cancel and a choice as picker answers, nothing else', () => {
    expect(screenPickerAnswerSchema.safeParse({ requestId: 'r', choice: null }).success).toBe(true);
    expect(
      screenPickerAnswerSchema.safeParse({
        requestId: 'r',
        choice: { sourceId: 'screen:0:0', shareSystemAudio: false },
      }).success,
    ).toBe(true);
    expect(screenPickerAnswerSchema.safeParse({ requestId: 'r' }).success).toBe(false);
    expect(
      screenPickerAnswerSchema.safeParse({ requestId: 'r', choice: { sourceId: '', shareSystemAudio: false } }).success,
    ).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { allIpcEntries, wavaIpc } from '../../src/shared/ipcContract.js';
import { ipcSchemas } from '../../src/shared/ipcSchemaRegistry.js';
import {
  imageDataUrlSchema,
  meetingPresenceSchema,
  screenPickerAnswerSchema,
  shellCommandSchema,
} from '../../src/shared/ipcSchemas.js';

describe('IPC contract', () => {
  it('has a schema for every channel: a request for renderer -> main, a payload for main -> renderer', () => {
    for (const entry of allIpcEntries) {
      const names =
        entry.kind === 'event'
          ? [entry.payload]
          : entry.kind === 'invoke'
            ? [entry.request, entry.response]
            : [entry.request];
      for (const name of names) expect(typeof ipcSchemas[name].safeParse, entry.channel).toBe('function');
    }
  });

  it('names no schema that no channel uses', () => {
    const used = new Set(
      allIpcEntries.flatMap((entry) =>
        entry.kind === 'event'
          ? [entry.payload]
          : entry.kind === 'invoke'
            ? [entry.request, entry.response]
            : [entry.request],
      ),
    );
    expect(Object.keys(ipcSchemas).filter((name) => !used.has(name as keyof typeof ipcSchemas))).toEqual([]);
  });

  it('uses unique, namespaced channel names', () => {
    const all = allIpcEntries.map((entry) => entry.channel);
    expect(new Set(all).size).toBe(all.length);
    expect(all.every((channel) => channel.startsWith('wava:'))).toBe(true);
  });

  it('names every subscription on*, and nothing else', () => {
    for (const group of Object.values(wavaIpc)) {
      for (const [name, entry] of Object.entries(group))
        expect(name.startsWith('on'), name).toBe(entry.kind === 'event');
    }
  });

  it('answers sign-in with the user only: a refresh token in the answer does not pass the response schema', () => {
    const user = { id: 'u1', username: 'ada', displayName: 'Ada' };
    expect(ipcSchemas[wavaIpc.auth.login.response].safeParse({ ok: true, data: { user } }).success).toBe(true);
    expect(
      ipcSchemas[wavaIpc.auth.login.response].safeParse({ ok: true, data: { user, refreshToken: 'r' } }).success,
    ).toBe(false);
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

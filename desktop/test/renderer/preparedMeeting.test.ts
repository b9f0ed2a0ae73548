import { describe, expect, it, vi } from 'vitest';
import type { LocalMedia } from '../../src/renderer/call/localMedia.js';
import { PreparedMeeting, type MeetingClientParams } from '../../src/renderer/app/preparedMeeting.js';
import type { Platform } from '../../src/renderer/platform/Platform.js';

/** The meeting chunk's MeetingClient, as a double that records what was done with it. */
const made = vi.hoisted(() => [] as { params: unknown; prepared: boolean; disposed: boolean }[]);

vi.mock('../../src/renderer/app/meetingModule.js', () => {
  class MeetingClient {
    readonly record: { params: unknown; prepared: boolean; disposed: boolean };
    constructor(params: unknown) {
      this.record = { params, prepared: false, disposed: false };
      made.push(this.record);
    }
    prepare() {
      this.record.prepared = true;
    }
    dispose() {
      this.record.disposed = true;
    }
  }
  return { loadMeetingModule: () => Promise.resolve({ MeetingClient }) };
});

const media = {} as LocalMedia;
const params = (code: string, withMedia = media): MeetingClientParams => ({
  platform: {} as Platform,
  serverUrl: 'https://meet.example.com',
  code,
  media: withMedia,
});

/** What the app's screens are told about the pre-join's client (AppScreen renders the meeting view with it). */
function watch(prepared: PreparedMeeting) {
  const told: unknown[] = [];
  prepared.subscribe(() => told.push(prepared.getSnapshot()));
  return told;
}

describe('the pre-join’s client, as the meeting view behind the pre-join sees it', () => {
  it('is told once made and prepared, and stays through Join (the view shown is the one rendered)', async () => {
    made.length = 0;
    const prepared = new PreparedMeeting();
    const told = watch(prepared);
    prepared.prepare(params('abc-defg-hij'));
    expect(prepared.getSnapshot()).toBeNull();
    await vi.waitFor(() => expect(prepared.getSnapshot()).not.toBeNull());
    expect(made).toEqual([expect.objectContaining({ prepared: true, disposed: false })]);

    const joining = await prepared.take(params('abc-defg-hij'));
    expect(joining).toBe(prepared.getSnapshot());
    expect(told).toEqual([joining]);

    // The meeting is on screen: let go, told once.
    prepared.forget();
    expect(prepared.getSnapshot()).toBeNull();
    expect(told).toEqual([joining, null]);
    expect(made[0]?.disposed).toBe(false);
  });

  it('is let go and closed when the pre-join is left, or when Join needs another client', async () => {
    made.length = 0;
    const prepared = new PreparedMeeting();
    prepared.prepare(params('abc-defg-hij'));
    await vi.waitFor(() => expect(prepared.getSnapshot()).not.toBeNull());
    prepared.discard();
    expect(prepared.getSnapshot()).toBeNull();
    await vi.waitFor(() => expect(made[0]?.disposed).toBe(true));

    prepared.prepare(params('xyz-abcd-efg'));
    await vi.waitFor(() => expect(prepared.getSnapshot()).not.toBeNull());
    const other = await prepared.take(params('xyz-abcd-efg', {} as LocalMedia));
    expect(prepared.getSnapshot()).toBeNull();
    await vi.waitFor(() => expect(made[1]?.disposed).toBe(true));
    expect(made[2]).toEqual(expect.objectContaining({ prepared: false, disposed: false }));
    expect(other).not.toBeNull();
  });

  it('never tells a client made for a pre-join that was left before it was made', async () => {
    made.length = 0;
    const prepared = new PreparedMeeting();
    const told = watch(prepared);
    prepared.prepare(params('abc-defg-hij'));
    prepared.discard();
    await vi.waitFor(() => expect(made[0]?.disposed).toBe(true));
    expect(made[0]?.prepared).toBe(false);
    expect(told).toEqual([]);
    expect(prepared.getSnapshot()).toBeNull();
  });
});

import {
  apiError,
  DEFAULT_MEETING_SETTINGS,
  userMessage,
  type ClientEventName,
  type ClientPayload,
  type ClientReply,
  type ErrorCode,
  type Result,
} from '@wava/protocol';
import { describe, expect, it, vi } from 'vitest';
import { callProblemSentence } from '../../src/renderer/call/callProblem.js';
import { bobsMeetingControls as controls, FakeServerSocket, joinResult } from './support/meetingDoubles.js';
import { createTestMeetingClient } from './support/createTestMeetingClient.js';
import { useFakeCallEnvironment } from './support/useFakeCallEnvironment.js';

/** Our server, recording every request; `refusals` makes an event answer with an error code. */
class RecordingServer extends FakeServerSocket {
  readonly sent: { event: ClientEventName; payload: unknown }[] = [];
  readonly refusals = new Map<ClientEventName, ErrorCode>();
  override request<K extends ClientEventName>(event: K, payload: ClientPayload<K>): Promise<Result<ClientReply<K>>> {
    this.sent.push({ event, payload });
    const code = this.refusals.get(event);
    if (code) return Promise.resolve({ ok: false, error: apiError(code) });
    return super.request(event, payload);
  }
  payloadsOf(event: ClientEventName): unknown[] {
    return this.sent.filter((request) => request.event === event).map((request) => request.payload);
  }
}

const bob = { peerId: 'b-peer', displayName: 'Bob' };

/** Ada in a meeting Bob hosts: joined, her Peer open, microphone and camera live. */
async function inMeeting() {
  const { client, server, media, devices, peers } = await createTestMeetingClient({
    server: new RecordingServer(joinResult()),
  });
  client.join();
  await vi.advanceTimersByTimeAsync(0);
  peers[0]?.openNow();
  server.send('moderation:state', controls());
  await vi.advanceTimersByTimeAsync(0);
  const [microphone, camera] = devices.tracks;
  return { client, server, media, devices, microphone, camera };
}

describe('what the host’s powers do to this person’s call', () => {
  useFakeCallEnvironment();

  it('muted by the host: the microphone stops, our tile and the server say so, and the notice names who', async () => {
    const t = await inMeeting();
    t.server.send('moderation:action', { action: 'muted', by: bob });
    await vi.advanceTimersByTimeAsync(0);
    expect(t.microphone?.enabled).toBe(false);
    expect(t.client.getSnapshot().local.audio).toBe(false);
    expect(t.server.payloadsOf('media:update')).toContainEqual(expect.objectContaining({ audio: false }));
    expect(t.client.moderation.getSnapshot().notice).toMatchObject({ action: 'muted', by: bob });

    // Turning the camera off leaves the notice; unmuting ourselves (everyone may here) clears it.
    t.client.toggleCamera();
    await vi.advanceTimersByTimeAsync(0);
    expect(t.client.moderation.getSnapshot().notice).not.toBeNull();
    t.client.toggleMicrophone();
    await vi.advanceTimersByTimeAsync(0);
    expect(t.microphone?.enabled).toBe(true);
    expect(t.client.moderation.getSnapshot().notice).toBeNull();
  });

  it('camera or screen stopped by the host: the camera is released', async () => {
    const t = await inMeeting();
    t.server.send('moderation:action', { action: 'video-stopped', by: bob });
    await vi.advanceTimersByTimeAsync(0);
    expect(t.camera?.readyState).toBe('ended');
    expect(t.client.getSnapshot().local.video).toBe(false);
    expect(t.client.moderation.getSnapshot().notice).toMatchObject({ action: 'video-stopped', by: bob });
  });

  it('where only hosts may unmute, our own unmute is refused with the sentence, and the host’s ask opens it once', async () => {
    const t = await inMeeting();
    t.server.send('moderation:state', controls({ settings: { ...DEFAULT_MEETING_SETTINGS, unmute: 'hosts' } }));
    t.server.send('moderation:action', { action: 'muted', by: bob });
    await vi.advanceTimersByTimeAsync(0);

    t.client.toggleMicrophone();
    await vi.advanceTimersByTimeAsync(0);
    expect(t.microphone?.enabled).toBe(false);
    expect(t.client.getSnapshot().error).toEqual({ type: 'server', code: 'UNMUTE_HOSTS_ONLY' });
    expect(t.server.payloadsOf('media:update')).not.toContainEqual(expect.objectContaining({ audio: true }));

    t.server.send('moderation:action', { action: 'unmute-asked', by: bob });
    expect(t.client.moderation.getSnapshot().unmuteAsk).toMatchObject({ by: bob });
    t.client.moderation.acceptUnmute();
    await vi.advanceTimersByTimeAsync(0);
    expect(t.microphone?.enabled).toBe(true);
    expect(t.server.payloadsOf('media:update')).toContainEqual(expect.objectContaining({ audio: true }));
    // The ask is used up.
    expect(t.client.moderation.getSnapshot().unmuteAsk).toBeNull();
  });

  it('an unmute the server refuses (the settings changed meanwhile) turns the microphone off again', async () => {
    const t = await inMeeting();
    t.client.toggleMicrophone();
    await vi.advanceTimersByTimeAsync(0);
    t.server.refusals.set('media:update', 'UNMUTE_HOSTS_ONLY');
    t.client.toggleMicrophone();
    await vi.advanceTimersByTimeAsync(0);
    expect(t.microphone?.enabled).toBe(false);
    expect(t.client.getSnapshot().local.audio).toBe(false);
    expect(t.client.getSnapshot().error).toEqual({ type: 'server', code: 'UNMUTE_HOSTS_ONLY' });
  });

  it('where only hosts may share, sharing is refused before the picker opens', async () => {
    const t = await inMeeting();
    const getDisplayMedia = vi.fn();
    vi.stubGlobal('navigator', { ...navigator, mediaDevices: { getDisplayMedia } });
    t.server.send('moderation:state', controls({ settings: { ...DEFAULT_MEETING_SETTINGS, screenShare: 'hosts' } }));
    t.client.toggleScreenShare();
    await vi.advanceTimersByTimeAsync(0);
    expect(getDisplayMedia).not.toHaveBeenCalled();
    expect(t.client.getSnapshot().error).toEqual({ type: 'server', code: 'SCREEN_SHARE_HOSTS_ONLY' });
  });

  it('where anyone may share, the press opens the picker at once: nothing is rendered or sent before', async () => {
    const t = await inMeeting();
    const order: string[] = [];
    vi.stubGlobal('navigator', {
      ...navigator,
      mediaDevices: { getDisplayMedia: () => (order.push('picker'), new Promise<never>(() => undefined)) },
    });
    t.client.subscribe(() => order.push('state changed'));
    const sent = t.server.sent.length;
    t.client.toggleScreenShare();
    // Within the press itself, before any other task or microtask: the picker and nothing else.
    expect([order, t.server.sent.length - sent]).toEqual([['picker'], 0]);
  });

  it('removed: the meeting ends with who removed us, devices stop and the connection closes', async () => {
    const t = await inMeeting();
    t.server.send('moderation:removed', { code: 'REMOVED', message: userMessage('REMOVED'), by: bob });
    await vi.advanceTimersByTimeAsync(0);
    const state = t.client.getSnapshot();
    expect([state.phase, state.error]).toEqual(['ended', { type: 'removed', by: 'Bob' }]);
    expect(state.error && callProblemSentence(state.error)).toBe(
      'Bob removed you from the meeting. You cannot rejoin unless a host allows you back.',
    );
    expect(t.devices.tracks.map((track) => track.readyState)).toEqual(['ended', 'ended']);
    expect(t.server.closed).toBe(true);
    // Our seat is already gone: nothing to leave.
    expect(t.server.payloadsOf('meeting:leave')).toEqual([]);
  });

  it('hosting passes to us: we host now (and may end the meeting); the creator is not the host any more', async () => {
    const t = await inMeeting();
    expect(t.client.hosting).toBe(false);
    t.server.send('moderation:state', controls({ hostUserId: 'user-a-peer' }));
    expect(t.client.hosting).toBe(true);
    expect(t.client.moderation.getSnapshot().hostPassed).toMatchObject({ userId: 'user-a-peer' });
    await t.client.endForEveryone();
    expect(t.server.payloadsOf('meeting:end')).toEqual([{}]);
  });

  it('a malformed event changes nothing', async () => {
    const t = await inMeeting();
    t.server.send('moderation:action', { action: 'unplugged', by: bob });
    t.server.send('moderation:removed', { by: 'Bob' });
    t.server.send('moderation:state', { hostUserId: 42 });
    await vi.advanceTimersByTimeAsync(0);
    expect(t.client.getSnapshot().phase).toBe('in-meeting');
    expect(t.microphone?.enabled).toBe(true);
    expect(t.client.moderation.getSnapshot().controls).toEqual(controls());
  });
});

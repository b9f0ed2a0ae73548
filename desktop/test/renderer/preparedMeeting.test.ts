import { describe, expect, it, vi } from 'vitest';
import { PreparedMeeting, type MeetingClientParams } from '../../src/renderer/app/preparedMeeting.js';
import { LocalMedia } from '../../src/renderer/call/localMedia.js';
import { MeetingClient } from '../../src/renderer/call/meetingClient.js';
import type { PeerConnectOptions } from '../../src/renderer/call/peerLike.js';
import {
  countingPolicy,
  fakeDevices,
  FakePeer,
  fakePlatform,
  FakeServerSocket,
  joinResult,
} from './support/meetingDoubles.js';
import { useFakeCallEnvironment } from './support/useFakeCallEnvironment.js';

/** Each real MeetingClient the pre-join made, with our server's side of its socket and the Peers it opened. */
interface Made {
  client: MeetingClient;
  server: FakeServerSocket;
  peers: FakePeer[];
}

/** The meeting chunk as PreparedMeeting loads it, its MeetingClient the real one on the test doubles. */
function meetingChunk() {
  const made: Made[] = [];
  class ClientOnDoubles extends MeetingClient {
    constructor(params: MeetingClientParams) {
      const server = new FakeServerSocket(joinResult());
      const peers: FakePeer[] = [];
      super({
        ...params,
        policy: countingPolicy(),
        createSignaling: () => server,
        createPeer: (id: string, options: PeerConnectOptions) => {
          const peer = new FakePeer(id, options);
          peers.push(peer);
          return peer;
        },
      });
      made.push({ client: this, server, peers });
    }
  }
  return { made, load: () => Promise.resolve({ MeetingClient: ClientOnDoubles }) };
}

async function preJoinMedia(): Promise<LocalMedia> {
  const media = new LocalMedia(fakeDevices());
  await media.start();
  return media;
}

const params = (code: string, media: LocalMedia): MeetingClientParams => ({
  platform: fakePlatform(),
  serverUrl: 'https://meet.wava.test',
  code,
  media,
});

/** What the app's screens are told about the pre-join's client (AppScreen renders the meeting view with it). */
function watch(prepared: PreparedMeeting) {
  const told: unknown[] = [];
  prepared.subscribe(() => told.push(prepared.getSnapshot()));
  return told;
}

describe('the pre-join’s client, as the meeting view behind the pre-join sees it', () => {
  useFakeCallEnvironment();

  it('is told once made and prepared, and stays through Join (the view shown is the one rendered)', async () => {
    const chunk = meetingChunk();
    const media = await preJoinMedia();
    const prepared = new PreparedMeeting(chunk.load);
    const told = watch(prepared);
    prepared.prepare(params('abc-defg-hij', media));
    expect(prepared.getSnapshot()).toBeNull();
    await vi.advanceTimersByTimeAsync(0);
    const [first] = chunk.made;
    expect(prepared.getSnapshot()).toBe(first?.client);
    expect(first?.server.requests).toEqual(['meeting:prepare']);

    const joining = await prepared.take(params('abc-defg-hij', media));
    expect(joining).toBe(first?.client);
    expect(prepared.getSnapshot()).toBe(joining);
    expect(told).toEqual([joining]);

    // The meeting is on screen: let go, told once, and still connected (it is the meeting's client now).
    prepared.forget();
    expect(prepared.getSnapshot()).toBeNull();
    expect(told).toEqual([joining, null]);
    expect(first?.server.closed).toBe(false);
  });

  it('is let go and closed when the pre-join is left, or when Join needs another client', async () => {
    const chunk = meetingChunk();
    const media = await preJoinMedia();
    const prepared = new PreparedMeeting(chunk.load);
    prepared.prepare(params('abc-defg-hij', media));
    await vi.advanceTimersByTimeAsync(0);
    prepared.discard();
    expect(prepared.getSnapshot()).toBeNull();
    await vi.advanceTimersByTimeAsync(0);
    expect(chunk.made[0]?.server.closed).toBe(true);
    expect(chunk.made[0]?.peers.every((peer) => peer.destroyed)).toBe(true);

    prepared.prepare(params('xyz-abcd-efg', media));
    await vi.advanceTimersByTimeAsync(0);
    expect(prepared.getSnapshot()).toBe(chunk.made[1]?.client);
    // Join with other media (another pre-join's): a new client, not prepared; the prepared one closes.
    const other = await prepared.take(params('xyz-abcd-efg', await preJoinMedia()));
    expect(prepared.getSnapshot()).toBeNull();
    await vi.advanceTimersByTimeAsync(0);
    expect(chunk.made[1]?.server.closed).toBe(true);
    expect(other).toBe(chunk.made[2]?.client);
    expect(chunk.made[2]?.server.requests).toEqual([]);
  });

  it('never tells a client made for a pre-join that was left before it was made, and closes it', async () => {
    const chunk = meetingChunk();
    const media = await preJoinMedia();
    const prepared = new PreparedMeeting(chunk.load);
    const told = watch(prepared);
    prepared.prepare(params('abc-defg-hij', media));
    prepared.discard();
    await vi.advanceTimersByTimeAsync(0);
    expect(chunk.made[0]?.server.requests).toEqual([]);
    expect(chunk.made[0]?.server.closed).toBe(true);
    expect(told).toEqual([]);
    expect(prepared.getSnapshot()).toBeNull();
  });
});

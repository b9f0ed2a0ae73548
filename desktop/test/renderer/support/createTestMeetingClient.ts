import type { CameraSendability } from '../../../src/renderer/call/cameraSendability.js';
import { LocalMedia } from '../../../src/renderer/call/localMedia.js';
import { MeetingClient } from '../../../src/renderer/call/meetingClient.js';
import type { MeetingClientOptions } from '../../../src/renderer/call/meetingClientOptions.js';
import type { PeerConnectOptions } from '../../../src/renderer/call/peerLike.js';
import { countingPolicy, FakePeer, FakeServerSocket, fakeDevices, fakePlatform, joinResult } from './meetingDoubles.js';

export interface TestMeetingClientOptions<S extends FakeServerSocket, P extends FakePeer> {
  /** Our server's side of the socket; by default one that answers Ada's join with `joinResult()`. */
  server?: S;
  /** The kind of Peer the client creates (FakePeer unless said otherwise). */
  Peer?: new (id: string, options: PeerConnectOptions) => P;
  platform?: ReturnType<typeof fakePlatform>;
  logger?: MeetingClientOptions['logger'];
  /** Whether each camera can be sent (LocalMedia's probe); by default the real probe, which says 'unknown' here. */
  probeSendability?: (track: MediaStreamTrack) => Promise<CameraSendability>;
}

/**
 * Ada's MeetingClient for Bob's meeting (abc-defg-hij), built of the doubles, her camera and microphone already
 * started; nothing is prepared or joined yet. Every Peer the client creates is in `peers`, in order.
 */
export async function createTestMeetingClient<
  S extends FakeServerSocket = FakeServerSocket,
  P extends FakePeer = FakePeer,
>(options: TestMeetingClientOptions<S, P> = {}) {
  const devices = fakeDevices();
  const media = new LocalMedia(devices, {}, options.logger, options.probeSendability);
  await media.start();
  const server = options.server ?? (new FakeServerSocket(joinResult()) as S);
  const platform = options.platform ?? fakePlatform();
  const policy = countingPolicy();
  const Peer = options.Peer ?? (FakePeer as new (id: string, peerOptions: PeerConnectOptions) => P);
  const peers: P[] = [];
  const client = new MeetingClient({
    platform,
    serverUrl: 'https://meet.wava.test',
    code: 'abc-defg-hij',
    media,
    policy,
    createSignaling: () => server,
    createPeer: (id, peerOptions) => {
      const peer = new Peer(id, peerOptions);
      peers.push(peer);
      return peer;
    },
    ...(options.logger ? { logger: options.logger } : {}),
  });
  return { client, server, media, devices, platform, policy, peers };
}

import type { MediaUpdate } from '@wava/protocol';
import { drop } from '../util/drop.js';
import type { Logger } from '../util/logger.js';
import { CAMERA_SIZE, SFU_CAMERA_SIZE } from './acquireTrack.js';
import { tileOf } from './callSelectors.js';
import type { CallStore } from './callStore.js';
import { createPeerJsPeer } from './createPeerJsPeer.js';
import { IceRefresher } from './iceRefresh.js';
import { sendsCamera } from './localMediaState.js';
import type { LocalChangeShown } from './localMediaControls.js';
import type { MeetingClientOptions } from './meetingClientOptions.js';
import { MeetingJoiner } from './meetingJoiner.js';
import { MeetingMesh } from './meetingMesh.js';
import { MeetingPreparation } from './meetingPreparation.js';
import { MeetingScreenShare } from './meetingScreenShare.js';
import { MeetingSfu } from './meetingSfu.js';
import { PeerMesh } from './peerMesh.js';
import { peerServerAddress } from './peerServerAddress.js';
import type { ReconnectPolicy } from './reconnectPolicy.js';
import type { SignalingChannel } from './signalingChannel.js';

const JOIN_TIMEOUT_MS = 20_000;

/** What carries one meeting's media, and joins it (meetingClient.ts). */
export interface MeetingCalls {
  peers: PeerMesh;
  roster: MeetingMesh;
  /** Where media flows: the mesh, or the SFU once the server moves the meeting there. */
  sfu: MeetingSfu;
  screen: MeetingScreenShare;
  joiner: MeetingJoiner;
  preparation: MeetingPreparation;
  ice: IceRefresher;
}

export interface MeetingCallsContext {
  options: MeetingClientOptions;
  store: CallStore;
  signaling: SignalingChannel;
  policy: ReconnectPolicy;
  logger: Logger;
  /** The meeting's title, or its code, for notifications. */
  label(): string;
  /** What we send changed (`MeetingClient.localChanged`). */
  localChanged(local: MediaUpdate, shown?: LocalChangeShown): void;
}

/** Builds the collaborators of one meeting, each given what it reads of the others; `wireMeeting` connects them. */
export function createMeetingCalls(context: MeetingCallsContext): MeetingCalls {
  const { options, store, signaling, policy, logger } = context;
  const peers = new PeerMesh({
    createPeer: options.createPeer ?? createPeerJsPeer,
    server: peerServerAddress(options.serverUrl),
    policy,
    connectTimeoutMs: options.connectTimeoutMs ?? 15_000,
    giveUpAfterMs: options.giveUpAfterMs ?? 60_000,
    unknownCallGraceMs: 10_000,
    answersUnannounced: () => roster.answersUnannounced,
    localStream: () => options.media.sendStream,
    remoteSharing: (peerId) => tileOf(store.state, peerId)?.media.screen ?? false,
    cameraOn: () => options.media.cameraTrack !== null && sendsCamera(options.media.state),
    logger,
  });
  const roster: MeetingMesh = new MeetingMesh({
    store,
    signaling,
    peers,
    platform: options.platform,
    policy,
    rejoinGraceMs: options.rejoinGraceMs ?? 30_000,
    meetingLabel: () => context.label(),
    carriedElsewhere: (peerId) => sfu.owns(peerId),
    logger,
  });
  const sfu: MeetingSfu = new MeetingSfu({
    store,
    signaling,
    mesh: roster,
    send: () => options.media.sendStream,
    screen: () => screen.stream,
    captureFor: (mode) => drop(options.media.setCaptureSize(mode === 'sfu' ? SFU_CAMERA_SIZE : CAMERA_SIZE)),
    policy,
    logger,
  });
  const screen = new MeetingScreenShare({
    store,
    peers,
    sfu,
    localChanged: (local, shown) => context.localChanged(local, shown),
  });
  const joiner = new MeetingJoiner({
    code: options.code,
    store,
    signaling,
    policy,
    joinTimeoutMs: JOIN_TIMEOUT_MS,
    resumeCredentials: () => roster.resumeCredentials,
  });
  const preparation = new MeetingPreparation({ code: options.code, store, signaling, roster, peers, logger });
  const ice = new IceRefresher(
    async () => {
      const reply = await signaling.request('ice:refresh', {});
      return reply.ok ? reply.data : null;
    },
    (config) => {
      peers.applyIce(config);
      sfu.applyIce(config);
    },
    logger,
  );
  return { peers, roster, sfu, screen, joiner, preparation, ice };
}

import type { MediaUpdate } from '@wava/protocol';
import type { Platform } from '../platform/Platform.js';
import { drop } from '../util/drop.js';
import type { CallStore } from './callStore.js';
import type { IceRefresher } from './iceRefresh.js';
import { listenToServer } from './listenToServer.js';
import type { LocalMedia } from './localMedia.js';
import { sendsCamera } from './localMediaState.js';
import type { MeetingEnd } from './meetingEnd.js';
import type { MeetingJoiner } from './meetingJoiner.js';
import type { MeetingMesh } from './meetingMesh.js';
import type { MeetingScreenShare } from './meetingScreenShare.js';
import type { MeetingSfu } from './meetingSfu.js';
import type { PeerMesh } from './peerMesh.js';
import { runShellCommand, type CallControls } from './runShellCommand.js';
import type { SignalingChannel } from './signalingChannel.js';

/** The collaborators of one meeting (meetingClient.ts) that `wireMeeting` connects. */
export interface MeetingParts {
  store: CallStore;
  signaling: SignalingChannel;
  joiner: MeetingJoiner;
  roster: MeetingMesh;
  peers: PeerMesh;
  sfu: MeetingSfu;
  ice: IceRefresher;
  screen: MeetingScreenShare;
  media: LocalMedia;
  platform: Platform;
  /** What the shell's commands (menu, tray, shortcuts) and leaving the page do. */
  controls: CallControls;
  /** The join's answer placed its calls: the meeting view may render. */
  releaseJoinHold(): void;
  /** We asked the server to end the meeting for everyone and wait for its answer. */
  ending(): boolean;
  /** The one way the meeting ends (`MeetingClient.finish`). */
  finish(end: MeetingEnd): void;
  /** What we send changed (`MeetingClient.localChanged`). */
  localChanged(local: MediaUpdate): void;
}

/**
 * The one place a meeting's collaborators are connected, when the person joins: the joiner's answers, the socket,
 * local media, the shell's commands, the server's meeting events and leaving the page. Returns what undoes it
 * (the server's meeting events go with the socket, which closes at the end).
 */
export function wireMeeting(parts: MeetingParts): (() => void)[] {
  const { store, signaling: s, joiner, roster, peers, sfu, ice, screen, media, platform, controls } = parts;
  const disposers = [
    joiner.on('joined', (result) => {
      ice.track(result.ice);
      sfu.applyIce(result.ice);
      // Calls first: each holds the store until it is set up, so the meeting view renders after the offers.
      roster.start(result);
      const { meeting, self, participants } = result;
      store.dispatch({ type: 'joined', meeting, self, participants });
      parts.releaseJoinHold();
    }),
    joiner.on('resumed', (result) => {
      ice.track(result.ice);
      sfu.applyIce(result.ice);
      roster.resume(result);
      // The rejoin says only microphone and camera: a screen shared is told again (from the moment the share
      // started, shown in our own view or not yet).
      if (screen.stream) drop(s.request('media:update', { screen: true }));
    }),
    joiner.on('refused', ({ code, inMeeting }) => parts.finish({ type: inMeeting ? 'ended' : 'failed', code })),
    s.on('connected', () => {
      roster.updateBanner();
      joiner.connected();
    }),
    s.on('disconnected', ({ willReconnect }) => {
      roster.socketLost();
      joiner.disconnected(willReconnect);
    }),
    s.on('refused', (error) => parts.finish({ type: 'ended', code: error.code })),
    media.on('track', ({ kind, track }) => {
      peers.replaceTrack(kind, track);
      sfu.replaceTrack(kind, track);
    }),
    media.on('change', (m) => {
      const video = sendsCamera(m);
      if (m.audio === store.state.local.audio && video === store.state.local.video) return;
      if (m.audio !== store.state.local.audio) peers.setMicrophoneOn(m.audio);
      parts.localChanged({ audio: m.audio, video });
    }),
    platform.onCommand((command) => runShellCommand(command, controls)),
  ];
  listenToServer(s, {
    participantJoined: (participant) => {
      roster.participantJoined(participant);
      sfu.participantJoined(participant.peerId);
    },
    participantUpdated: (participant) => {
      screen.replacedBy(participant);
      roster.participantUpdated(participant);
    },
    participantLeft: (peerId) => {
      roster.participantLeft(peerId);
      sfu.participantLeft(peerId);
    },
    meetingEnded: () =>
      parts.finish(parts.ending() ? { type: 'ended-by-us' } : { type: 'ended', code: 'MEETING_ENDED' }),
    shuttingDown: (reconnectAfterMs) => {
      joiner.shuttingDown(reconnectAfterMs);
      store.dispatch({ type: 'signaling-changed', signaling: 'reconnecting' });
    },
    sessionRevoked: (code) => parts.finish({ type: 'signed-out', code }),
    meetingMode: (mode) => {
      if (store.state.phase === 'in-meeting') sfu.modeChanged(mode);
    },
    sfuCarried: (peerId) => sfu.carriedBy(peerId),
  });
  const onPageHide = () => controls.leave();
  window.addEventListener('pagehide', onPageHide);
  disposers.push(() => window.removeEventListener('pagehide', onPageHide));
  return disposers;
}

import type { Page } from '@playwright/test';

/**
 * Injected before the app loads: keeps a list of every RTCPeerConnection the page creates (PeerJS creates them),
 * the ICE candidate errors they report, the camera and microphone tracks it obtains, and the time from pressing Join to the first decoded remote video frame.
 * The app itself has no test hooks; this watches it from the outside, like chrome://webrtc-internals does.
 */
function probe(): void {
  const w = window as unknown as Record<string, unknown>;
  const Native = window.RTCPeerConnection;
  const connections: RTCPeerConnection[] = [];
  const iceErrors: number[] = [];
  w.__wavaPcs = connections;
  w.__wavaIceErrors = iceErrors;
  const stateLog: string[] = [];
  w.__wavaPcStates = stateLog;
  class TrackedPeerConnection extends Native {
    constructor(config?: RTCConfiguration) {
      super(config);
      connections.push(this);
      const index = connections.length - 1;
      // Every connection state change, for a failure's message: which connection (the SFU's SDP names Janus's
      // VideoRoom), what state, when.
      this.addEventListener('connectionstatechange', () => {
        const sfu = /VideoRoom|Janus/i.test(this.remoteDescription?.sdp ?? '') ? 'sfu' : 'mesh';
        stateLog.push(`pc${index} ${sfu} ${this.connectionState} at ${Math.round(performance.now())} ms`);
      });
      this.addEventListener('icecandidateerror', (event) =>
        iceErrors.push((event as RTCPeerConnectionIceErrorEvent).errorCode),
      );
    }
  }
  window.RTCPeerConnection = TrackedPeerConnection;

  // Every camera and microphone track the app obtains, to tell whether it released them.
  const tracks: MediaStreamTrack[] = [];
  w.__wavaTracks = tracks;
  const devices = navigator.mediaDevices;
  if (devices) {
    const getUserMedia = devices.getUserMedia.bind(devices);
    devices.getUserMedia = async (constraints) => {
      const stream = await getUserMedia(constraints);
      tracks.push(...stream.getTracks());
      return stream;
    };
  }

  // Frames of remote video, timed by the browser: each receiving video track of the page's connections is watched
  // through a tiny video element of the probe's own with requestVideoFrameCallback, and a frame's time comes from
  // its metadata (received plus decoding time), which the browser stamps off the main thread: a busy main thread
  // delays the callback, not the figure (polling getStats from the main thread measured the page's main thread as
  // much as the call). `__watchVideoFrames(accept, scanMs)` resolves with the time (performance.now() clock) of
  // the first frame `accept` takes, then stops watching.
  const watchVideoFrames: WatchVideoFrames = (accept, scanMs) =>
    new Promise((resolve) => {
      const videos = new Map<MediaStreamTrack, HTMLVideoElement>();
      const box = document.createElement('div');
      box.setAttribute('aria-hidden', 'true');
      box.style.cssText = 'position:fixed;left:0;bottom:0;display:flex;pointer-events:none;z-index:2147483647';
      document.body.append(box);
      let found = false;
      const done = (at: number) => {
        found = true;
        clearInterval(scanning);
        for (const video of videos.values()) video.srcObject = null;
        box.remove();
        resolve(at);
      };
      const watch = (track: MediaStreamTrack) => {
        const video = document.createElement('video');
        videos.set(track, video);
        video.muted = true;
        video.playsInline = true;
        video.style.cssText = 'width:4px;height:4px';
        video.srcObject = new MediaStream([track]);
        box.append(video);
        const onFrame = (_now: number, metadata: VideoFrameCallbackMetadata) => {
          if (found) return;
          if (!accept(track, metadata)) return void video.requestVideoFrameCallback(onFrame);
          done(
            metadata.receiveTime !== undefined
              ? metadata.receiveTime + (metadata.processingDuration ?? 0) * 1000
              : metadata.presentationTime,
          );
        };
        video.requestVideoFrameCallback(onFrame);
        void video.play().catch(() => undefined);
      };
      const scan = () => {
        for (const pc of connections) {
          if (pc.connectionState === 'closed') continue;
          for (const { track } of pc.getReceivers()) if (track.kind === 'video' && !videos.has(track)) watch(track);
        }
      };
      const scanning = setInterval(scan, scanMs);
      scan();
    });
  w.__watchVideoFrames = watchVideoFrames;

  // Join to the first decoded remote video frame.
  document.addEventListener(
    'click',
    (event) => {
      const target = event.target as Element | null;
      if (!target?.closest('[data-testid="prejoin-join"]') || w.__joinClickedAt !== undefined) return;
      // The click's own time (when the input happened), as the first frame's is the browser's: performance.now()
      // here would start the clock only once the page's main thread got to the click, leaving out of the figure
      // the wait a busy page makes the person sit through.
      w.__joinClickedAt = event.timeStamp;
      void watchVideoFrames(() => true, 10).then((at) => (w.__firstFrameAt = at));
    },
    true,
  );
}

/** What the probe puts on the page as `__watchVideoFrames` (see `probe`). */
export type WatchVideoFrames = (
  accept: (track: MediaStreamTrack, metadata: VideoFrameCallbackMetadata) => boolean,
  scanMs: number,
) => Promise<number>;

export async function installRtcProbe(page: Page): Promise<void> {
  await page.addInitScript(probe);
}

/** The page's peer connections' state changes so far (`pcN sfu|mesh state at T ms`), for a failure's message. */
export function connectionStateLog(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __wavaPcStates?: string[] }).__wavaPcStates ?? []);
}

export interface ConnectionStats {
  connectionState: RTCPeerConnectionState;
  videoFramesDecoded: number;
  videoFrameWidth: number;
  audioPacketsReceived: number;
  localCandidateType: string | null;
  remoteCandidateType: string | null;
}

/** getStats() of every peer connection that is not closed. */
export function connectionStats(page: Page): Promise<ConnectionStats[]> {
  return page.evaluate(async () => {
    const connections = (window as unknown as { __wavaPcs: RTCPeerConnection[] }).__wavaPcs ?? [];
    const out = [];
    for (const pc of connections) {
      if (pc.connectionState === 'closed') continue;
      const stats = await pc.getStats();
      const byId = new Map<string, Record<string, unknown>>();
      stats.forEach((report: Record<string, unknown>) => byId.set(report.id as string, report));
      let videoFramesDecoded = 0;
      let videoFrameWidth = 0;
      let audioPacketsReceived = 0;
      let pairId: string | undefined;
      for (const report of byId.values()) {
        if (report.type === 'inbound-rtp' && report.kind === 'video') {
          videoFramesDecoded += (report.framesDecoded as number) ?? 0;
          videoFrameWidth = Math.max(videoFrameWidth, (report.frameWidth as number) ?? 0);
        }
        if (report.type === 'inbound-rtp' && report.kind === 'audio')
          audioPacketsReceived += (report.packetsReceived as number) ?? 0;
        if (report.type === 'transport' && report.selectedCandidatePairId)
          pairId = report.selectedCandidatePairId as string;
      }
      const pair = pairId ? byId.get(pairId) : undefined;
      const local = pair ? byId.get(pair.localCandidateId as string) : undefined;
      const remote = pair ? byId.get(pair.remoteCandidateId as string) : undefined;
      out.push({
        connectionState: pc.connectionState,
        videoFramesDecoded,
        videoFrameWidth,
        audioPacketsReceived,
        localCandidateType: (local?.candidateType as string) ?? null,
        remoteCandidateType: (remote?.candidateType as string) ?? null,
      });
    }
    return out;
  });
}

/** Video frames decoded on this page's live calls; only the calls now open count (a replaced call is closed). */
export async function framesDecoded(page: Page): Promise<number> {
  return (await connectionStats(page)).reduce((sum, s) => sum + s.videoFramesDecoded, 0);
}

/** Milliseconds from pressing Join to the first decoded remote video frame, once it happened. */
export function joinToFirstFrameMs(page: Page): Promise<number | null> {
  return page.evaluate(() => {
    const w = window as unknown as { __joinClickedAt?: number; __firstFrameAt?: number };
    return w.__joinClickedAt !== undefined && w.__firstFrameAt !== undefined
      ? w.__firstFrameAt - w.__joinClickedAt
      : null;
  });
}

export function iceCandidateErrors(page: Page): Promise<number[]> {
  return page.evaluate(() => (window as unknown as { __wavaIceErrors: number[] }).__wavaIceErrors ?? []);
}

/** How many RTCPeerConnections the page has created so far, closed ones included (a re-placed call adds one). */
export function peerConnectionsCreated(page: Page): Promise<number> {
  return page.evaluate(() => ((window as unknown as { __wavaPcs?: RTCPeerConnection[] }).__wavaPcs ?? []).length);
}

/** The camera tracks the page's app obtained (the probe keeps every one), with their capture size. */
export function cameraTracks(page: Page): Promise<{ live: boolean; width?: number; height?: number }[]> {
  return page.evaluate(() =>
    ((window as unknown as { __wavaTracks?: MediaStreamTrack[] }).__wavaTracks ?? [])
      .filter((track) => track.kind === 'video')
      .map((track) => ({ live: track.readyState === 'live', ...track.getSettings() })),
  );
}

/** Camera and microphone tracks the page obtained that are still live (the camera light is on). */
export function liveDeviceTracks(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      ((window as unknown as { __wavaTracks?: MediaStreamTrack[] }).__wavaTracks ?? []).filter(
        (track) => track.readyState === 'live',
      ).length,
  );
}

/** One video RTP stream of a live peer connection (`pc`: the connection's index among the page's live ones). */
export interface VideoRtp {
  pc: number;
  mid: string | null;
  rid: string | null;
  framesEncoded: number;
  framesDecoded: number;
  frameWidth: number;
  frameHeight: number;
}

/** The outbound and inbound video RTP streams of every peer connection that is not closed. */
export function videoRtp(page: Page): Promise<{ outbound: VideoRtp[]; inbound: VideoRtp[] }> {
  return page.evaluate(async () => {
    const connections = (window as unknown as { __wavaPcs: RTCPeerConnection[] }).__wavaPcs ?? [];
    const outbound: VideoRtp[] = [];
    const inbound: VideoRtp[] = [];
    let index = 0;
    for (const pc of connections) {
      if (pc.connectionState === 'closed') continue;
      const stats = await pc.getStats();
      stats.forEach((report: Record<string, unknown>) => {
        if (report.kind !== 'video') return;
        const entry = {
          pc: index,
          mid: (report.mid as string | undefined) ?? null,
          rid: (report.rid as string | undefined) ?? null,
          framesEncoded: (report.framesEncoded as number | undefined) ?? 0,
          framesDecoded: (report.framesDecoded as number | undefined) ?? 0,
          frameWidth: (report.frameWidth as number | undefined) ?? 0,
          frameHeight: (report.frameHeight as number | undefined) ?? 0,
        };
        if (report.type === 'outbound-rtp') outbound.push(entry);
        if (report.type === 'inbound-rtp') inbound.push(entry);
      });
      index += 1;
    }
    return { outbound, inbound };
  });
}

/** How many incoming audio streams of the live peer connections have received packets. */
export function audioStreamsReceiving(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const connections = (window as unknown as { __wavaPcs: RTCPeerConnection[] }).__wavaPcs ?? [];
    let count = 0;
    for (const pc of connections) {
      if (pc.connectionState === 'closed') continue;
      (await pc.getStats()).forEach((report: Record<string, unknown>) => {
        if (report.type === 'inbound-rtp' && report.kind === 'audio' && ((report.packetsReceived as number) ?? 0) > 0)
          count += 1;
      });
    }
    return count;
  });
}

import type { Locator } from '@playwright/test';

export interface VideoPlayback {
  width: number;
  height: number;
  currentTime: number;
}

/** What a person would see in a <video>: its picture size and whether time moves on. */
export function videoPlayback(video: Locator): Promise<VideoPlayback> {
  return video.evaluate((element) => {
    const v = element as HTMLVideoElement;
    return { width: v.videoWidth, height: v.videoHeight, currentTime: v.currentTime };
  });
}

/** True when the video shows a picture and keeps playing (currentTime advances over a short interval). */
export async function isPlaying(video: Locator): Promise<boolean> {
  const first = await videoPlayback(video);
  if (first.width === 0) return false;
  await new Promise((resolve) => setTimeout(resolve, 400));
  const second = await videoPlayback(video);
  return second.currentTime > first.currentTime;
}

/**
 * How the picture a tile shows arrives: the frame width and frame rate of the incoming video stream that carries the
 * tile's video track (both 0 while none does). Reads the page's connections that rtcProbe.ts keeps.
 */
export function receivedVideo(tile: Locator): Promise<{ width: number; fps: number }> {
  return tile.evaluate(async (element) => {
    const video = element.querySelector('[data-testid="tile-video"]') as HTMLVideoElement | null;
    const track = (video?.srcObject as MediaStream | null)?.getVideoTracks()[0];
    const seen = { width: 0, fps: 0 };
    if (!track) return seen;
    for (const pc of (window as unknown as { __wavaPcs: RTCPeerConnection[] }).__wavaPcs ?? []) {
      if (pc.connectionState === 'closed') continue;
      (await pc.getStats()).forEach((report: Record<string, unknown>) => {
        if (report.type !== 'inbound-rtp' || report.trackIdentifier !== track.id) return;
        seen.width = Number(report.frameWidth ?? 0);
        seen.fps = Number(report.framesPerSecond ?? 0);
      });
    }
    return seen;
  });
}

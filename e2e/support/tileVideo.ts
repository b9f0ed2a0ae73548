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

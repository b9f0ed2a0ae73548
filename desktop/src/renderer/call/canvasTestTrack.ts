import { CAMERA_SIZE } from './acquireTrack.js';

/** A video track that needs no camera, and how to stop it. */
export interface TestTrack {
  track: MediaStreamTrack;
  stop(): void;
}

/** A mesh camera's size, so a check meets the encoder real calls get (a hardware encoder may skip small pictures). */
const { width: WIDTH, height: HEIGHT } = CAMERA_SIZE;
const FRAME_RATE = 15;

/**
 * A small picture that changes every frame, drawn on a canvas that is never shown: something to encode when a check
 * must not open the camera (codecReordering.ts). Throws where the page has no canvas capture.
 */
export function canvasTestTrack(): TestTrack {
  const canvas = document.createElement('canvas');
  canvas.width = WIDTH;
  canvas.height = HEIGHT;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('This page cannot draw on a canvas.');
  const track = canvas.captureStream(FRAME_RATE).getVideoTracks()[0];
  if (!track) throw new Error('This page cannot capture a canvas.');
  let frame = 0;
  const draw = () => {
    frame += 1;
    context.fillStyle = `hsl(${(frame * 37) % 360} 60% 50%)`;
    context.fillRect(0, 0, WIDTH, HEIGHT);
    context.fillStyle = '#fff';
    context.fillRect((frame * 8) % WIDTH, HEIGHT / 3, 24, HEIGHT / 3);
  };
  draw();
  const timer = setInterval(draw, 1000 / FRAME_RATE);
  return {
    track,
    stop: () => {
      clearInterval(timer);
      track.stop();
    },
  };
}

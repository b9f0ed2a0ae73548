import { describe, expect, it } from 'vitest';
import { AUDIO_BPS, DEFAULT_UPLOAD_BUDGET_BPS, senderBudget } from '../../src/renderer/call/senderBudget.js';

const CAMERA_HEIGHT = 720;
const heightOf = (scale: number) => Math.round(CAMERA_HEIGHT / scale);

describe('the sender budget', () => {
  // participants, camera height sent, camera fps, per-stream camera bitrate
  const cameraOnly: Array<[number, number, number, number]> = [
    [2, 720, 30, 1_500_000],
    [3, 480, 30, 1_210_000],
    [4, 480, 30, 793_333],
    [5, 360, 24, 585_000],
    [6, 360, 24, 460_000],
    [8, 360, 15, 317_142],
  ];
  it.each(cameraOnly)('at %i people sends %ip at %i fps, %i bps per stream', (people, height, fps, bitrate) => {
    const { camera, screen } = senderBudget({
      participants: people,
      sharingScreen: false,
      cameraHeight: CAMERA_HEIGHT,
    });
    expect(heightOf(camera.scaleResolutionDownBy)).toBe(height);
    expect(camera.maxFramerate).toBe(fps);
    expect(camera.maxBitrate).toBe(bitrate);
    expect(screen).toBeNull();
  });

  it('keeps every meeting size within the upload budget, audio included, sharing or not', () => {
    for (let people = 2; people <= 12; people++) {
      for (const sharingScreen of [false, true]) {
        const { camera, screen } = senderBudget({ participants: people, sharingScreen, cameraHeight: CAMERA_HEIGHT });
        const perStream = camera.maxBitrate + (screen?.maxBitrate ?? 0) + AUDIO_BPS;
        expect(perStream * (people - 1)).toBeLessThanOrEqual(DEFAULT_UPLOAD_BUDGET_BPS);
      }
    }
  });

  it('never raises resolution, frame rate or bitrate as the meeting grows', () => {
    let previous = senderBudget({ participants: 2, sharingScreen: false, cameraHeight: CAMERA_HEIGHT }).camera;
    for (let people = 3; people <= 12; people++) {
      const { camera } = senderBudget({ participants: people, sharingScreen: false, cameraHeight: CAMERA_HEIGHT });
      expect(camera.scaleResolutionDownBy).toBeGreaterThanOrEqual(previous.scaleResolutionDownBy);
      expect(camera.maxFramerate).toBeLessThanOrEqual(previous.maxFramerate);
      expect(camera.maxBitrate).toBeLessThanOrEqual(previous.maxBitrate);
      previous = camera;
    }
  });

  // participants, screen fps, screen bitrate, camera height beside it
  const sharing: Array<[number, number, number, number]> = [
    [2, 30, 1_476_000, 480],
    [3, 8, 726_000, 360],
    [4, 5, 476_000, 360],
    [6, 5, 276_000, 270],
  ];
  it.each(sharing)(
    'while sharing at %i people the screen keeps its resolution at %i fps (%i bps); the camera drops to %ip',
    (people, fps, bitrate, cameraHeight) => {
      const { camera, screen } = senderBudget({
        participants: people,
        sharingScreen: true,
        cameraHeight: CAMERA_HEIGHT,
      });
      expect(screen).toEqual({
        maxBitrate: bitrate,
        maxFramerate: fps,
        scaleResolutionDownBy: 1,
        degradationPreference: 'maintain-resolution',
      });
      expect(heightOf(camera.scaleResolutionDownBy)).toBe(cameraHeight);
    },
  );

  it('does not scale a camera that captures less than the step asks for, and follows a configured budget', () => {
    const small = senderBudget({ participants: 4, sharingScreen: false, cameraHeight: 360 });
    expect(small.camera.scaleResolutionDownBy).toBe(1);
    const generous = senderBudget({ participants: 4, sharingScreen: false, cameraHeight: 720, budgetBps: 6_000_000 });
    expect(heightOf(generous.camera.scaleResolutionDownBy)).toBe(720);
    const tight = senderBudget({ participants: 2, sharingScreen: false, cameraHeight: 720, budgetBps: 50_000 });
    expect(tight.camera.maxBitrate).toBe(10_000);
    expect(heightOf(tight.camera.scaleResolutionDownBy)).toBe(180);
  });
});

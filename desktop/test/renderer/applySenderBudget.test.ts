import { describe, expect, it } from 'vitest';
import { applySenderBudget, PLACEHOLDER_MAX_BPS } from '../../src/renderer/call/applySenderBudget.js';

/** One call with one video sender, as much of RTCPeerConnection as applySenderBudget uses. */
function callWithVideoSender() {
  let parameters = { encodings: [{}] as RTCRtpEncodingParameters[] } as RTCRtpSendParameters;
  const sender = {
    track: { kind: 'video' },
    getParameters: () => structuredClone(parameters),
    setParameters: async (next: RTCRtpSendParameters) => void (parameters = next),
  };
  const pc = { connectionState: 'connected', getSenders: () => [sender] } as unknown as RTCPeerConnection;
  return { pc, maxBitrate: () => parameters.encodings[0]?.maxBitrate };
}

const camera = { getSettings: () => ({ height: 360 }) } as MediaStreamTrack;
const logger = { warn: () => undefined };

describe('applySenderBudget', () => {
  it('caps a camera that is off low, and lifts the cap to the budget when it comes back on (three people)', async () => {
    const calls = [callWithVideoSender(), callWithVideoSender()];
    const apply = async (cameraOn: boolean) => {
      applySenderBudget({
        participants: 3,
        camera: calls.map((c) => c.pc),
        screen: [],
        cameraTrack: camera,
        cameraOn,
        logger,
      });
      await Promise.resolve();
    };
    await apply(true);
    const onCap = calls[0]!.maxBitrate();
    expect(onCap).toBeGreaterThan(PLACEHOLDER_MAX_BPS);
    await apply(false);
    expect(calls.map((c) => c.maxBitrate())).toEqual([PLACEHOLDER_MAX_BPS, PLACEHOLDER_MAX_BPS]);
    await apply(true);
    expect(calls.map((c) => c.maxBitrate())).toEqual([onCap, onCap]);
  });

  it('leaves the one camera stream of a two-person call uncapped, camera on or off', async () => {
    const call = callWithVideoSender();
    for (const cameraOn of [true, false, true]) {
      applySenderBudget({ participants: 2, camera: [call.pc], screen: [], cameraTrack: camera, cameraOn, logger });
      await Promise.resolve();
      expect(call.maxBitrate()).toBeUndefined();
    }
  });
});

import { describe, expect, it, vi } from 'vitest';
import { applySenderBudget, PLACEHOLDER_MAX_BPS } from '../../src/renderer/call/applySenderBudget.js';

/** The two RTCRtpSender methods applySenderBudget uses (jsdom has no WebRTC). */
class FakeSender {
  parameters: RTCRtpSendParameters;
  readonly set: RTCRtpSendParameters[] = [];
  constructor(encodings: RTCRtpEncodingParameters[] = [{}]) {
    this.parameters = { encodings, transactionId: 't', codecs: [], headerExtensions: [], rtcp: {} };
  }
  getParameters(): RTCRtpSendParameters {
    return structuredClone(this.parameters);
  }
  setParameters(parameters: RTCRtpSendParameters): Promise<void> {
    this.set.push(parameters);
    this.parameters = parameters;
    return Promise.resolve();
  }
}

const camera = { getSettings: () => ({ height: 360 }) } as MediaStreamTrack;
const logger = { warn: vi.fn() };
const senders = (list: FakeSender[]) => list as unknown as RTCRtpSender[];

describe('applySenderBudget', () => {
  it('a screen sender (a call’s screen slot or a screen call) keeps its resolution; cameras step down beside it', () => {
    const cameras = [new FakeSender(), new FakeSender()];
    const screens = [new FakeSender(), new FakeSender()];
    applySenderBudget({
      participants: 3,
      camera: senders(cameras),
      screen: senders(screens),
      cameraTrack: camera,
      cameraOn: true,
      logger,
    });
    for (const screen of screens) {
      const [encoding] = screen.parameters.encodings;
      expect(encoding?.scaleResolutionDownBy).toBe(1);
      expect(encoding?.maxFramerate).toBe(8);
      expect(screen.parameters.degradationPreference).toBe('maintain-resolution');
    }
    for (const sender of cameras) {
      expect(sender.parameters.degradationPreference).toBe('maintain-framerate');
      expect(sender.parameters.encodings[0]?.maxBitrate).toBeLessThan(screens[0]!.parameters.encodings[0]!.maxBitrate!);
    }
  });

  it('nothing shared: cameras get the whole budget; the same limits again change nothing', () => {
    const cameras = [new FakeSender(), new FakeSender()];
    applySenderBudget({
      participants: 3,
      camera: senders(cameras),
      screen: [],
      cameraTrack: camera,
      cameraOn: true,
      logger,
    });
    const first = cameras[0]!.parameters.encodings[0]!.maxBitrate!;
    applySenderBudget({
      participants: 3,
      camera: senders(cameras),
      screen: [],
      cameraTrack: camera,
      cameraOn: true,
      logger,
    });
    expect(cameras[0]!.set).toHaveLength(1);
    // Sharing takes part of the budget from the cameras.
    applySenderBudget({
      participants: 3,
      camera: senders(cameras),
      screen: senders([new FakeSender()]),
      cameraTrack: camera,
      cameraOn: true,
      logger,
    });
    expect(cameras[0]!.parameters.encodings[0]!.maxBitrate!).toBeLessThan(first);
  });

  it('a sender not negotiated yet (no encodings) is left for when its call connects', () => {
    const waiting = new FakeSender([]);
    applySenderBudget({
      participants: 2,
      camera: [],
      screen: senders([waiting]),
      cameraTrack: camera,
      cameraOn: true,
      logger,
    });
    expect(waiting.set).toEqual([]);
  });

  it('caps a camera that is off low, and lifts the cap to the budget when it comes back on (three people)', async () => {
    const cameras = [new FakeSender(), new FakeSender()];
    const maxBitrates = () => cameras.map((sender) => sender.parameters.encodings[0]?.maxBitrate);
    const apply = async (cameraOn: boolean) => {
      applySenderBudget({
        participants: 3,
        camera: senders(cameras),
        screen: [],
        cameraTrack: camera,
        cameraOn,
        logger,
      });
      await Promise.resolve();
    };
    await apply(true);
    const onCap = maxBitrates()[0];
    expect(onCap).toBeGreaterThan(PLACEHOLDER_MAX_BPS);
    await apply(false);
    expect(maxBitrates()).toEqual([PLACEHOLDER_MAX_BPS, PLACEHOLDER_MAX_BPS]);
    await apply(true);
    expect(maxBitrates()).toEqual([onCap, onCap]);
  });

  it('leaves the one camera stream of a two-person call uncapped, camera on or off', async () => {
    const sender = new FakeSender();
    for (const cameraOn of [true, false, true]) {
      applySenderBudget({
        participants: 2,
        camera: senders([sender]),
        screen: [],
        cameraTrack: camera,
        cameraOn,
        logger,
      });
      await Promise.resolve();
      expect(sender.parameters.encodings[0]?.maxBitrate).toBeUndefined();
    }
  });

  it('an idle screen slot already holds the limits a share would get, so starting one changes no parameters', () => {
    const cameras = [new FakeSender(), new FakeSender()];
    const slots = [new FakeSender(), new FakeSender()];
    const apply = (sharing: boolean) =>
      applySenderBudget({
        participants: 3,
        camera: senders(cameras),
        screen: sharing ? senders(slots) : [],
        idleScreen: sharing ? [] : senders(slots),
        cameraTrack: camera,
        cameraOn: true,
        logger,
      });
    apply(false);
    const idle = slots.map((slot) => structuredClone(slot.parameters));
    expect(idle[0]?.encodings[0]?.maxFramerate).toBe(8);
    expect(idle[0]?.degradationPreference).toBe('maintain-resolution');
    // The cameras keep the whole budget while nothing is shared.
    const alone = cameras[0]!.parameters.encodings[0]!.maxBitrate!;
    apply(true);
    for (const slot of slots) expect(slot.set).toHaveLength(1);
    expect(slots.map((slot) => slot.parameters)).toEqual(idle);
    expect(cameras[0]!.parameters.encodings[0]!.maxBitrate!).toBeLessThan(alone);
  });

  it('does not read a sender again for limits it already has', () => {
    const sender = new FakeSender();
    const read = vi.spyOn(sender, 'getParameters');
    for (let i = 0; i < 3; i++)
      applySenderBudget({
        participants: 3,
        camera: senders([sender]),
        screen: [],
        cameraTrack: camera,
        cameraOn: true,
        logger,
      });
    expect(read).toHaveBeenCalledTimes(1);
  });

  it('sends the placeholder of a camera that is off at its full size, and the camera back on as the budget says', async () => {
    for (const participants of [2, 3]) {
      const sender = new FakeSender();
      for (const cameraOn of [false, true, false]) {
        applySenderBudget({
          participants,
          camera: senders([sender]),
          screen: [],
          cameraTrack: camera,
          cameraOn,
          logger,
        });
        await Promise.resolve();
        expect(sender.parameters.degradationPreference).toBe(cameraOn ? 'maintain-framerate' : 'maintain-resolution');
        expect(sender.parameters.encodings[0]?.scaleResolutionDownBy).toBe(1);
      }
    }
  });
});

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

/** applySenderBudget on fake senders with the camera track above: three people, camera on, nothing shared unless said. */
function budget(call: {
  participants?: number;
  camera?: FakeSender[];
  screen?: FakeSender[];
  idleScreen?: FakeSender[];
  cameraOn?: boolean;
}): void {
  applySenderBudget({
    participants: call.participants ?? 3,
    camera: senders(call.camera ?? []),
    screen: senders(call.screen ?? []),
    ...(call.idleScreen && { idleScreen: senders(call.idleScreen) }),
    cameraTrack: camera,
    cameraOn: call.cameraOn ?? true,
    logger,
  });
}

describe('applySenderBudget', () => {
  it('a screen sender (a call’s screen slot or a screen call) keeps its resolution; cameras step down beside it', () => {
    const cameras = [new FakeSender(), new FakeSender()];
    const screens = [new FakeSender(), new FakeSender()];
    budget({ camera: cameras, screen: screens });
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
    budget({ camera: cameras });
    const first = cameras[0]!.parameters.encodings[0]!.maxBitrate!;
    budget({ camera: cameras });
    expect(cameras[0]!.set).toHaveLength(1);
    // Sharing takes part of the budget from the cameras.
    budget({ camera: cameras, screen: [new FakeSender()] });
    expect(cameras[0]!.parameters.encodings[0]!.maxBitrate!).toBeLessThan(first);
  });

  it('a sender not negotiated yet (no encodings) is left for when its call connects', () => {
    const waiting = new FakeSender([]);
    budget({ participants: 2, screen: [waiting] });
    expect(waiting.set).toEqual([]);
  });

  it('caps a camera that is off low, and lifts the cap to the budget when it comes back on (three people)', async () => {
    const cameras = [new FakeSender(), new FakeSender()];
    const maxBitrates = () => cameras.map((sender) => sender.parameters.encodings[0]?.maxBitrate);
    const apply = async (cameraOn: boolean) => {
      budget({ camera: cameras, cameraOn });
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
      budget({ participants: 2, camera: [sender], cameraOn });
      await Promise.resolve();
      expect(sender.parameters.encodings[0]?.maxBitrate).toBeUndefined();
    }
  });

  it('an idle screen slot already holds the limits a share would get, so starting one changes no parameters', () => {
    const cameras = [new FakeSender(), new FakeSender()];
    const slots = [new FakeSender(), new FakeSender()];
    const apply = (sharing: boolean) =>
      budget({ camera: cameras, screen: sharing ? slots : [], idleScreen: sharing ? [] : slots });
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
    for (let i = 0; i < 3; i++) budget({ camera: [sender] });
    expect(read).toHaveBeenCalledTimes(1);
  });

  it('sends the placeholder of a camera that is off at its full size, and the camera back on as the budget says', async () => {
    for (const participants of [2, 3]) {
      const sender = new FakeSender();
      for (const cameraOn of [false, true, false]) {
        budget({ participants, camera: [sender], cameraOn });
        await Promise.resolve();
        expect(sender.parameters.degradationPreference).toBe(cameraOn ? 'maintain-framerate' : 'maintain-resolution');
        expect(sender.parameters.encodings[0]?.scaleResolutionDownBy).toBe(1);
      }
    }
  });
});

import { drop } from '../util/drop.js';
import { Emitter, type Unsubscribe } from '../util/emitter.js';
import { DeviceList } from './deviceList.js';
import { deviceProblemOf, type DeviceKind } from './deviceProblem.js';
import { mediaAccessProblem } from './mediaAccessMessage.js';
import { acquireTrack } from './acquireTrack.js';
import { probeCameraSendability, type CameraSendability } from './cameraSendability.js';
import type { FrameSize } from './placeholderTracks.js';
import {
  initialLocalMediaState,
  type InitialChoices,
  type LocalMediaEvents,
  type LocalMediaState,
  type MediaDevicesLike,
} from './localMediaState.js';
import { SendStream } from './sendStream.js';
import { CameraHandover } from './cameraHandover.js';
import { CameraSize } from './cameraSize.js';
import { TrackEndWatch } from './trackEndWatch.js';
import { consoleLogger, type Logger } from '../util/logger.js';
import { SerialQueue } from '../util/serialQueue.js';

/**
 * The local camera and microphone, from the pre-join screen through the meeting. It keeps one send
 * stream with exactly one audio and one video track (a placeholder while the camera is off or the
 * microphone is missing), so calls never need renegotiation; the camera is released while off.
 */
export class LocalMedia {
  private readonly emitter = new Emitter<LocalMediaEvents>();
  private readonly send = new SendStream((kind, track) => this.emitter.emit('track', { kind, track }));
  private readonly handover: CameraHandover;
  private microphone: MediaStreamTrack | null = null;
  private camera: MediaStreamTrack | null = null;
  private readonly size: CameraSize;
  private preview: MediaStream | null = null;
  private readonly queue = new SerialQueue();
  private readonly list: DeviceList;
  private readonly microphoneEnd = new TrackEndWatch((track) => this.lost('microphone', track));
  private readonly cameraEnd = new TrackEndWatch((track) => this.lost('camera', track));
  private current: LocalMediaState;

  constructor(
    private readonly devices: MediaDevicesLike = navigator.mediaDevices,
    initial: InitialChoices = {},
    logger: Logger = consoleLogger,
    probeSendability: (
      track: MediaStreamTrack,
      signal: AbortSignal,
    ) => Promise<CameraSendability> = probeCameraSendability,
  ) {
    this.current = initialLocalMediaState(initial);
    this.list = new DeviceList(devices, (list) => this.update(list), logger);
    this.size = new CameraSize(this.send, logger);
    this.handover = new CameraHandover(this.send, probeSendability, logger, () =>
      this.update({ cameraCheck: 'placeholder' }),
    );
  }

  on<K extends keyof LocalMediaEvents>(event: K, listener: (payload: LocalMediaEvents[K]) => void): Unsubscribe {
    return this.emitter.on(event, listener);
  }

  get state(): LocalMediaState {
    return this.current;
  }

  /** What calls send: the microphone (or silence) and the camera (or a black placeholder). */
  get sendStream(): MediaStream {
    return this.send.stream;
  }

  /** The camera alone, for the self view (never with audio: no echo). */
  get previewStream(): MediaStream | null {
    return this.preview;
  }

  get microphoneTrack(): MediaStreamTrack | null {
    return this.microphone;
  }

  /** The camera's track while it is on (also while the calls send something else for it: state.cameraCheck, unsendableCamera). */
  get cameraTrack(): MediaStreamTrack | null {
    return this.camera;
  }

  start(): Promise<void> {
    return this.queue.run(async () => {
      if (this.current.status !== 'idle') return;
      this.update({ status: 'starting' });
      if (this.current.audio) await this.enableMicrophone();
      else this.setMicrophone(null);
      if (this.current.video) await this.enableCamera();
      else this.setCamera(null);
      await this.list.refresh();
      this.list.watch();
      this.update({ status: 'ready' });
    });
  }

  /** Turning a device on is also the retry after a refusal or an unplugged device. */
  setAudioEnabled(on: boolean): Promise<void> {
    return this.queue.run(async () => {
      if (this.current.status === 'stopped') return;
      if (!on) {
        if (this.microphone) this.microphone.enabled = false;
        this.update({ audio: false });
      } else if (this.microphone) {
        this.microphone.enabled = true;
        this.update({ audio: true, error: null });
      } else if (this.current.status === 'ready') {
        await this.enableMicrophone();
      }
    });
  }

  setVideoEnabled(on: boolean): Promise<void> {
    return this.queue.run(async () => {
      if (this.current.status === 'stopped') return;
      if (on && this.camera && this.current.unsendableCamera?.cameraId === this.current.cameraId) {
        // Turning it on again would send it again: the person is told why it is not sent instead.
        this.emitter.emit('unsendableCameraAsked', { cameraId: this.current.cameraId });
        return;
      }
      if (on && this.camera && this.current.cameraCheck !== null) return; // on already, being checked
      if (on) {
        await this.enableCamera();
        return;
      }
      this.setCamera(null, { video: false });
    });
  }

  selectCamera(deviceId: string): Promise<void> {
    return this.queue.run(async () => {
      const previousId = this.current.cameraId;
      this.update({ cameraId: deviceId });
      if (!this.current.video) return;
      try {
        const track = await this.acquire('video', deviceId);
        this.setCamera(track);
        this.update({ error: null });
        this.checkSendable(track, previousId === deviceId ? null : previousId);
      } catch (error) {
        this.update({ error: mediaAccessProblem(error, 'camera') });
      }
    });
  }

  selectMicrophone(deviceId: string): Promise<void> {
    return this.queue.run(async () => {
      this.update({ microphoneId: deviceId });
      try {
        const track = await this.acquire('audio', deviceId);
        track.enabled = this.current.audio;
        this.setMicrophone(track);
        this.update({ error: null });
      } catch (error) {
        this.update({ error: mediaAccessProblem(error, 'microphone') });
      }
    });
  }

  /**
   * Captures the camera at `size` from now on, in place if it runs (cameraSize.ts); a camera turned on or switched
   * later starts at that size, and while the camera is off its placeholder takes that size.
   */
  setCaptureSize(size: FrameSize): Promise<void> {
    return this.queue.run(async () => {
      if (this.current.status !== 'stopped') await this.size.set(size, this.camera);
    });
  }

  stop(): void {
    this.microphoneEnd.follow(null);
    this.cameraEnd.follow(null);
    this.list.stop();
    this.microphone?.stop();
    this.camera?.stop();
    this.handover.stop();
    this.microphone = null;
    this.camera = null;
    this.preview = null;
    this.send.stop();
    this.update({ status: 'stopped', previewId: null, hasMicrophone: false });
    this.emitter.clear();
  }

  private async enableMicrophone(): Promise<void> {
    try {
      const track = await this.acquire('audio', this.current.microphoneId);
      this.update({ audio: true });
      this.setMicrophone(track);
      this.update({ problems: { ...this.current.problems, microphone: null }, error: null });
    } catch (error) {
      if (this.current.status === 'stopped') return;
      this.setMicrophone(null);
      this.update({ audio: false, problems: { ...this.current.problems, microphone: deviceProblemOf(error) } });
    }
  }

  private async enableCamera(): Promise<void> {
    try {
      const track = await this.acquire('video', this.current.cameraId);
      this.setCamera(track);
      this.update({ video: true, problems: { ...this.current.problems, camera: null }, error: null });
      this.checkSendable(track, null);
    } catch (error) {
      if (this.current.status === 'stopped') return;
      this.setCamera(null);
      this.update({ video: false, problems: { ...this.current.problems, camera: deviceProblemOf(error) } });
    }
  }

  /** The device went away (unplugged, permission withdrawn, driver reset): off, and say so. */
  private lost(kind: DeviceKind, track: MediaStreamTrack): void {
    drop(
      this.queue.run(async () => {
        if (kind === 'microphone' ? this.microphone !== track : this.camera !== track) return;
        const problems = { ...this.current.problems, [kind]: { reason: 'lost' } };
        if (kind === 'microphone') {
          this.setMicrophone(null);
          this.update({ audio: false, problems });
        } else {
          this.setCamera(null, { video: false, problems });
        }
        await this.list.refresh();
      }),
    );
  }

  private async acquire(kind: 'audio' | 'video', deviceId: string | null): Promise<MediaStreamTrack> {
    const track = await acquireTrack(this.devices, kind, deviceId, this.size.capture);
    if (this.current.status === 'stopped') {
      track.stop();
      throw Object.assign(new Error('Stopped'), { name: 'AbortError' });
    }
    return track;
  }

  private setMicrophone(track: MediaStreamTrack | null): void {
    const previous = this.microphone;
    this.microphone = track;
    this.microphoneEnd.follow(track);
    if (track) track.enabled = this.current.audio;
    this.send.setAudio(track);
    if (previous && previous !== track) previous.stop();
    this.update({ hasMicrophone: track !== null, microphoneId: this.current.microphoneId ?? settingsId(track) });
  }

  /**
   * The camera in use (null: off): in the self-view at once, sent once cleared (cameraHandover.ts). `patch` goes in
   * the same change (a camera let go while checked must never read as on and sent, even for one change).
   */
  private setCamera(track: MediaStreamTrack | null, patch: Partial<LocalMediaState> = {}): void {
    const previous = this.camera;
    this.camera = track;
    this.cameraEnd.follow(track);
    this.preview = track ? new MediaStream([track]) : null;
    const cameraCheck = this.handover.use(track, previous, this.size.placeholderAfter(previous));
    this.update({
      previewId: this.preview?.id ?? null,
      cameraId: this.current.cameraId ?? settingsId(track),
      cameraCheck,
      ...(previous !== track ? { unsendableCamera: null } : {}),
      ...patch,
    });
  }

  /**
   * Checks once, in the background, whether the calls can send the new camera's frames (cameraHandover.ts). If they
   * cannot, the calls send the camera-off placeholder (the self-view keeps the camera), so the others see the
   * person's initials, and the person is told. Once the check let go of the camera, the camera is asked again for
   * the capture size wanted now: one asked for during the check did not take (CameraSize.fit).
   */
  private checkSendable(track: MediaStreamTrack, previousId: string | null): void {
    const inUse = () => this.camera === track && this.current.status !== 'stopped';
    drop(
      this.handover.check(track, inUse).then((verdict) => {
        if (verdict === null) return;
        const unsendable = verdict === 'unsendable' ? { cameraId: this.current.cameraId, previousId } : null;
        this.update({ cameraCheck: null, ...(unsendable ? { unsendableCamera: unsendable } : {}) });
        return this.queue.run(async () => {
          if (inUse()) await this.size.fit(track);
        });
      }),
    );
  }

  private update(patch: Partial<LocalMediaState>): void {
    this.current = { ...this.current, ...patch };
    this.emitter.emit('change', this.current);
  }
}

function settingsId(track: MediaStreamTrack | null): string | null {
  return track?.getSettings().deviceId ?? null;
}

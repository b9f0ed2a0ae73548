import { Emitter, type Unsubscribe } from '../util/emitter.js';
import { deviceOptions, type DeviceOption } from './deviceOption.js';
import { mediaAccessMessage } from './mediaAccessMessage.js';
import { PlaceholderTracks, type FrameSize } from './placeholderTracks.js';

export interface LocalMediaState {
  status: 'idle' | 'starting' | 'ready' | 'stopped';
  /** What the person chose: microphone / camera on. */
  audio: boolean;
  video: boolean;
  microphoneId: string | null;
  cameraId: string | null;
  cameras: readonly DeviceOption[];
  microphones: readonly DeviceOption[];
  /** Id of the self-view stream; changes whenever the camera track does. Null while the camera is off. */
  previewId: string | null;
  hasMicrophone: boolean;
  error: string | null;
}

export interface LocalMediaEvents {
  change: LocalMediaState;
  /** The track calls send for this kind changed (device switch, camera on/off). */
  track: { kind: 'audio' | 'video'; track: MediaStreamTrack | null };
}

export type MediaDevicesLike = Pick<
  MediaDevices,
  'getUserMedia' | 'enumerateDevices' | 'addEventListener' | 'removeEventListener'
>;

/**
 * Mesh calls send one stream to every participant, so video is kept modest; the fake devices and
 * real cameras both honour these as ideals. What each call sends is then limited by the sender budget
 * (senderBudget.ts). A 720p capture was tried: on a loaded 2-core machine Chromium's CPU adaptation kept
 * it at 640 wide anyway, and the first seconds after the camera came on were blurrier.
 */
const CAMERA_SIZE: FrameSize = { width: 640, height: 360 };
const CAMERA = {
  width: { ideal: CAMERA_SIZE.width },
  height: { ideal: CAMERA_SIZE.height },
  frameRate: { ideal: 24, max: 30 },
};
const MICROPHONE = { echoCancellation: true, noiseSuppression: true, autoGainControl: true };

/**
 * The local camera and microphone, from the pre-join screen through the meeting. It keeps one send
 * stream with exactly one audio and one video track (a placeholder while the camera is off or the
 * microphone is missing), so calls never need renegotiation; the camera is released while off.
 */
export class LocalMedia {
  private readonly emitter = new Emitter<LocalMediaEvents>();
  private readonly placeholders = new PlaceholderTracks();
  private readonly send = new MediaStream();
  private microphone: MediaStreamTrack | null = null;
  private camera: MediaStreamTrack | null = null;
  /** What the camera last sent (or asks for before it ever ran): the placeholder has this size. */
  private cameraSize: FrameSize = CAMERA_SIZE;
  private preview: MediaStream | null = null;
  private queue: Promise<void> = Promise.resolve();
  private stopDeviceWatch: (() => void) | null = null;
  private current: LocalMediaState;

  constructor(
    private readonly devices: MediaDevicesLike = navigator.mediaDevices,
    initial: { audio?: boolean; video?: boolean; microphoneId?: string | null; cameraId?: string | null } = {},
  ) {
    this.current = {
      status: 'idle',
      audio: initial.audio ?? true,
      video: initial.video ?? true,
      microphoneId: initial.microphoneId ?? null,
      cameraId: initial.cameraId ?? null,
      cameras: [],
      microphones: [],
      previewId: null,
      hasMicrophone: false,
      error: null,
    };
  }

  on<K extends keyof LocalMediaEvents>(event: K, listener: (payload: LocalMediaEvents[K]) => void): Unsubscribe {
    return this.emitter.on(event, listener);
  }

  get state(): LocalMediaState {
    return this.current;
  }

  /** What calls send: the microphone (or silence) and the camera (or a black placeholder). */
  get sendStream(): MediaStream {
    return this.send;
  }

  /** The camera alone, for the self view (never with audio: no echo). */
  get previewStream(): MediaStream | null {
    return this.preview;
  }

  get microphoneTrack(): MediaStreamTrack | null {
    return this.microphone;
  }

  start(): Promise<void> {
    return this.serial(async () => {
      if (this.current.status !== 'idle') return;
      this.update({ status: 'starting' });
      const errors: string[] = [];
      const microphone = await this.acquire('audio', this.current.microphoneId).catch((error: unknown) => {
        errors.push(mediaAccessMessage(error, 'microphone'));
        return null;
      });
      this.setMicrophone(microphone);
      if (this.current.video) {
        const camera = await this.acquire('video', this.current.cameraId).catch((error: unknown) => {
          errors.push(mediaAccessMessage(error, 'camera'));
          return null;
        });
        this.setCamera(camera);
        if (!camera) this.update({ video: false });
      } else {
        this.setCamera(null);
      }
      await this.refreshDevices();
      const onDeviceChange = () => void this.refreshDevices();
      this.devices.addEventListener('devicechange', onDeviceChange);
      this.stopDeviceWatch = () => this.devices.removeEventListener('devicechange', onDeviceChange);
      this.update({ status: 'ready', error: errors.length > 0 ? errors.join(' ') : null });
    });
  }

  setAudioEnabled(on: boolean): Promise<void> {
    return this.serial(async () => {
      if (on && !this.microphone && this.current.status === 'ready') {
        try {
          this.setMicrophone(await this.acquire('audio', this.current.microphoneId));
        } catch (error) {
          this.update({ audio: false, error: mediaAccessMessage(error, 'microphone') });
          return;
        }
      }
      if (this.microphone) this.microphone.enabled = on;
      this.update({ audio: on && this.microphone !== null, error: null });
    });
  }

  setVideoEnabled(on: boolean): Promise<void> {
    return this.serial(async () => {
      if (!on) {
        this.setCamera(null);
        this.update({ video: false });
        return;
      }
      try {
        this.setCamera(await this.acquire('video', this.current.cameraId));
        this.update({ video: true, error: null });
      } catch (error) {
        this.update({ video: false, error: mediaAccessMessage(error, 'camera') });
      }
    });
  }

  selectCamera(deviceId: string): Promise<void> {
    return this.serial(async () => {
      this.update({ cameraId: deviceId });
      if (!this.current.video) return;
      try {
        this.setCamera(await this.acquire('video', deviceId));
        this.update({ error: null });
      } catch (error) {
        this.update({ error: mediaAccessMessage(error, 'camera') });
      }
    });
  }

  selectMicrophone(deviceId: string): Promise<void> {
    return this.serial(async () => {
      this.update({ microphoneId: deviceId });
      try {
        const track = await this.acquire('audio', deviceId);
        track.enabled = this.current.audio;
        this.setMicrophone(track);
        this.update({ error: null });
      } catch (error) {
        this.update({ error: mediaAccessMessage(error, 'microphone') });
      }
    });
  }

  stop(): void {
    this.stopDeviceWatch?.();
    this.stopDeviceWatch = null;
    this.microphone?.stop();
    this.camera?.stop();
    this.microphone = null;
    this.camera = null;
    this.preview = null;
    for (const track of this.send.getTracks()) this.send.removeTrack(track);
    this.placeholders.stop();
    this.update({ status: 'stopped', previewId: null, hasMicrophone: false });
    this.emitter.clear();
  }

  private async acquire(kind: 'audio' | 'video', deviceId: string | null): Promise<MediaStreamTrack> {
    const base = kind === 'audio' ? MICROPHONE : CAMERA;
    const request = (id: string | null) =>
      this.devices.getUserMedia({ [kind]: id ? { ...base, deviceId: { exact: id } } : base });
    let stream: MediaStream;
    try {
      stream = await request(deviceId);
    } catch (error) {
      // The remembered device is gone: fall back to the system default.
      if (!deviceId || (error as { name?: string }).name !== 'OverconstrainedError') throw error;
      stream = await request(null);
    }
    const track = (kind === 'audio' ? stream.getAudioTracks() : stream.getVideoTracks())[0];
    if (!track) throw Object.assign(new Error(`No ${kind} track`), { name: 'NotFoundError' });
    if (this.current.status === 'stopped') {
      track.stop();
      throw Object.assign(new Error('Stopped'), { name: 'AbortError' });
    }
    return track;
  }

  private setMicrophone(track: MediaStreamTrack | null): void {
    const previous = this.microphone;
    this.microphone = track;
    if (track) track.enabled = this.current.audio;
    this.swap('audio', track ?? this.placeholders.audioTrack());
    if (previous && previous !== track) previous.stop();
    this.update({ hasMicrophone: track !== null, microphoneId: this.current.microphoneId ?? settingsId(track) });
  }

  private setCamera(track: MediaStreamTrack | null): void {
    const previous = this.camera;
    this.camera = track;
    this.preview = track ? new MediaStream([track]) : null;
    this.cameraSize = frameSizeOf(previous) ?? this.cameraSize;
    this.swap('video', track ?? this.placeholders.videoTrack(this.cameraSize));
    if (previous && previous !== track) previous.stop();
    this.update({ previewId: this.preview?.id ?? null, cameraId: this.current.cameraId ?? settingsId(track) });
  }

  private swap(kind: 'audio' | 'video', track: MediaStreamTrack | null): void {
    const old = kind === 'audio' ? this.send.getAudioTracks() : this.send.getVideoTracks();
    if (old.length === 1 && old[0] === track) return;
    for (const existing of old) this.send.removeTrack(existing);
    if (track) this.send.addTrack(track);
    this.emitter.emit('track', { kind, track });
  }

  private async refreshDevices(): Promise<void> {
    try {
      const { cameras, microphones } = deviceOptions(await this.devices.enumerateDevices());
      this.update({ cameras, microphones });
    } catch (error) {
      console.warn('[wava] could not list devices', error);
    }
  }

  private update(patch: Partial<LocalMediaState>): void {
    this.current = { ...this.current, ...patch };
    this.emitter.emit('change', this.current);
  }

  private serial(task: () => Promise<void>): Promise<void> {
    const next = this.queue.then(task, task);
    this.queue = next.catch(() => undefined);
    return next;
  }
}

function frameSizeOf(track: MediaStreamTrack | null): FrameSize | null {
  const { width, height } = track?.getSettings() ?? {};
  return width && height ? { width, height } : null;
}

function settingsId(track: MediaStreamTrack | null): string | null {
  return track?.getSettings().deviceId ?? null;
}

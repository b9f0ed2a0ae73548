/**
 * Injected into a page (addInitScript): every camera frame read with MediaStreamTrackProcessor reports no format, as
 * frames kept in GPU memory may on real hardware (Windows zero-copy capture). A camera that encodes well is then
 * cleared only by the loopback check (loopbackEncoding.ts), which takes a moment longer.
 */
export function framesWithoutFormat(): void {
  type Processor = new (init: { track: MediaStreamTrack }) => { readable: ReadableStream<VideoFrame> };
  const w = window as unknown as { MediaStreamTrackProcessor: Processor };
  const Native = w.MediaStreamTrackProcessor;
  w.MediaStreamTrackProcessor = class {
    readonly readable: ReadableStream<VideoFrame>;
    constructor(init: { track: MediaStreamTrack }) {
      this.readable = new Native(init).readable.pipeThrough(
        new TransformStream<VideoFrame, VideoFrame>({
          transform: (frame, controller) =>
            controller.enqueue(
              new Proxy(frame, {
                get: (target, key) => {
                  if (key === 'format') return null;
                  const value = Reflect.get(target, key, target) as unknown;
                  return typeof value === 'function' ? (value as () => unknown).bind(target) : value;
                },
              }),
            ),
        }),
      );
    }
  };
}

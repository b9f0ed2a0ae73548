import { EventEmitter } from 'node:events';
import type { App } from 'electron';

/** Electron's `app` cannot run here: its `before-quit` event and `quit()`, as Electron orders them. */
export function fakeApp() {
  const emitter = new EventEmitter();
  let quits = 0;
  let quit = false;
  const app = Object.assign(emitter, {
    quit() {
      quits += 1;
      const event = { defaultPrevented: false, preventDefault: () => void (event.defaultPrevented = true) };
      emitter.emit('before-quit', event);
      if (!event.defaultPrevented) {
        quit = true;
        emitter.emit('did-quit');
      }
    },
  });
  const quitted = new Promise<void>((resolve) => emitter.once('did-quit', () => resolve()));
  return { app: app as unknown as App, quit: () => app.quit(), quitted, quits: () => quits, hasQuit: () => quit };
}

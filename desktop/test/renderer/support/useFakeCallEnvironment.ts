import { afterEach, beforeEach, vi } from 'vitest';
import { FakeMediaStream } from './meetingDoubles.js';

/** A call-core test file's hooks: fake timers and the MediaStream double during each test, the real ones after. */
export function useFakeCallEnvironment(): void {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.stubGlobal('MediaStream', FakeMediaStream);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });
}

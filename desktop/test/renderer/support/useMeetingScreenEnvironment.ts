import { cleanup } from '@testing-library/react';
import { afterEach, beforeEach, vi } from 'vitest';
import { useFakeCallEnvironment } from './useFakeCallEnvironment.js';

/**
 * The hooks of a test file that renders a whole meeting screen: the call core's (fake timers, the MediaStream
 * double), media elements that play in jsdom, and after each test the screen unmounted and every spy restored.
 */
export function useMeetingScreenEnvironment(): void {
  useFakeCallEnvironment();
  beforeEach(() => {
    // jsdom plays no media (its play() is not implemented and returns nothing).
    vi.spyOn(HTMLMediaElement.prototype, 'play').mockResolvedValue(undefined);
  });
  afterEach(() => {
    cleanup();
    vi.restoreAllMocks();
  });
}

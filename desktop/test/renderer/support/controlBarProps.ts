import { vi } from 'vitest';
import type { SharePhase, SharePhaseSource } from '../../../src/renderer/call/sharePhase.js';
import type { ControlBarProps } from '../../../src/renderer/features/meeting/ControlBar.js';

/** A share's phase as MeetingScreenShare tells it: `set` changes it and tells the controls that follow it. */
export function sharePhaseSource(phase: SharePhase = 'off'): SharePhaseSource & { set(phase: SharePhase): void } {
  const listeners = new Set<() => void>();
  const source = {
    sharePhase: phase,
    onSharePhase(listener: () => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    set(next: SharePhase) {
      source.sharePhase = next;
      for (const listener of listeners) listener();
    },
  };
  return source;
}

/** ControlBar's props: microphone and camera on, nothing shared, sharing possible, every handler a fresh vi.fn(). */
export function controlBarProps(overrides: Partial<ControlBarProps> = {}): ControlBarProps {
  return {
    audio: true,
    video: true,
    share: sharePhaseSource(),
    canShare: true,
    onToggleMicrophone: vi.fn(),
    onToggleCamera: vi.fn(),
    onToggleShare: vi.fn(),
    onLeave: vi.fn(),
    ...overrides,
  };
}

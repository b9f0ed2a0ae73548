import { vi } from 'vitest';
import type { ControlBarProps } from '../../../src/renderer/features/meeting/ControlBar.js';

/** ControlBar's props: microphone and camera on, nothing shared, sharing possible, every handler a fresh vi.fn(). */
export function controlBarProps(overrides: Partial<ControlBarProps> = {}): ControlBarProps {
  return {
    audio: true,
    video: true,
    sharing: false,
    canShare: true,
    onToggleMicrophone: vi.fn(),
    onToggleCamera: vi.fn(),
    onToggleShare: vi.fn(),
    onLeave: vi.fn(),
    ...overrides,
  };
}

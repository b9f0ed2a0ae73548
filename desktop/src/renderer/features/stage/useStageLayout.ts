import { useCallback, useMemo, useState } from 'react';
import { LAYOUT_MODES, type LayoutMode } from './stageLayout.js';

const STORAGE_KEY = 'wava.layout';

function storedMode(): LayoutMode {
  try {
    const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
    return LAYOUT_MODES.find((mode) => mode === stored) ?? 'gallery';
  } catch {
    return 'gallery';
  }
}

export interface StageChoice {
  mode: LayoutMode;
  setMode(mode: LayoutMode): void;
  pinned: string | null;
  /** Pins someone to the large area, or unpins with null. */
  pin(peerId: string | null): void;
}

/**
 * The person's layout (remembered on this device) and whom they pinned (for this meeting only). The same object until
 * one of them changes: the stage and its tiles are memoised on it.
 */
export function useStageLayout(): StageChoice {
  const [mode, setModeState] = useState<LayoutMode>(storedMode);
  const [pinned, pin] = useState<string | null>(null);
  const setMode = useCallback((next: LayoutMode) => {
    setModeState(next);
    try {
      globalThis.localStorage?.setItem(STORAGE_KEY, next);
    } catch {
      // Storage refused (a private window): the choice lasts this meeting.
    }
  }, []);
  return useMemo(() => ({ mode, setMode, pinned, pin }), [mode, setMode, pinned]);
}

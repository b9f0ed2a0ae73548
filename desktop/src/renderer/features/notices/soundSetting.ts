import { useSyncExternalStore } from 'react';

const STORAGE_KEY = 'wava.sounds';
const listeners = new Set<() => void>();
/** The choice when storage refuses to keep it (a private window): it lasts until the page closes. */
let unsaved: boolean | null = null;

/** Whether notice sounds are on (the default), as remembered on this device. */
export function soundsOn(): boolean {
  if (unsaved !== null) return unsaved;
  try {
    return globalThis.localStorage?.getItem(STORAGE_KEY) !== 'off';
  } catch {
    return true;
  }
}

export function setSoundsOn(on: boolean): void {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, on ? 'on' : 'off');
    unsaved = null;
  } catch {
    unsaved = on;
  }
  for (const listener of [...listeners]) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The sound setting, live: every place that shows or uses it follows a change. */
export function useSoundsOn(): boolean {
  return useSyncExternalStore(subscribe, soundsOn);
}

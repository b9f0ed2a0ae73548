import { useSyncExternalStore } from 'react';

const LIGHT = '(prefers-color-scheme: light)';

function subscribe(onChange: () => void): () => void {
  if (typeof window.matchMedia !== 'function') return () => undefined;
  const query = window.matchMedia(LIGHT);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}

function snapshot(): 'light' | 'dark' {
  if (typeof window.matchMedia !== 'function') return 'dark';
  return window.matchMedia(LIGHT).matches ? 'light' : 'dark';
}

/** The OS colour scheme, following changes live. Dark unless the OS asks for light. */
export function useColorScheme(): 'light' | 'dark' {
  return useSyncExternalStore(subscribe, snapshot, () => 'dark');
}

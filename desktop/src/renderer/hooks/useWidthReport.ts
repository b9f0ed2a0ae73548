import { useEffect, useRef, type RefObject } from 'react';

/** Reports the element's width in CSS pixels (rounded) each time it changes, to `onWidth`; nothing without it. */
export function useWidthReport<T extends Element>(onWidth: ((width: number) => void) | undefined): RefObject<T | null> {
  const ref = useRef<T | null>(null);
  const latest = useRef(onWidth);
  useEffect(() => {
    latest.current = onWidth;
  });
  const enabled = onWidth !== undefined;
  useEffect(() => {
    const element = ref.current;
    if (!enabled || !element || typeof ResizeObserver === 'undefined') return;
    let last = -1;
    const observer = new ResizeObserver(([entry]) => {
      const width = Math.round(entry?.contentRect.width ?? 0);
      if (width === last) return;
      last = width;
      latest.current?.(width);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [enabled]);
  return ref;
}

import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { useDismiss } from './useDismiss.js';

export interface Popover {
  open: boolean;
  toggle(): void;
  close(): void;
  /** The element that holds the trigger and the panel: a press outside it closes the panel. */
  anchor: RefObject<HTMLDivElement | null>;
}

/**
 * A panel opened by its trigger and closed again by the trigger, Escape, or a press elsewhere.
 * `onClosed` runs after a close, e.g. to give focus back to the trigger.
 */
export function usePopover(onClosed?: () => void): Popover {
  const [open, setOpen] = useState(false);
  const anchor = useRef<HTMLDivElement>(null);
  const closed = useRef(onClosed);
  useEffect(() => {
    closed.current = onClosed;
  });
  const close = useCallback(() => {
    setOpen(false);
    closed.current?.();
  }, []);
  const toggle = useCallback(() => setOpen((value) => !value), []);
  useDismiss(open, anchor, close);
  return { open, toggle, close, anchor };
}

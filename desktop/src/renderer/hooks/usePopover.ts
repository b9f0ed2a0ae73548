import { useCallback, useEffect, useId, useRef, useState, type RefObject } from 'react';
import { useDismiss } from './useDismiss.js';

export interface Popover {
  open: boolean;
  toggle(): void;
  close(): void;
  /** The element that holds the trigger and the panel: a press outside it closes the panel. */
  anchor: RefObject<HTMLDivElement | null>;
  /** The panel's id (give it to the panel). */
  panelId: string;
  /** Spread on the trigger: it opens a dialog, says whether it is open, names the panel while it is, and toggles it. */
  triggerProps: {
    'aria-haspopup': 'dialog';
    'aria-expanded': boolean;
    'aria-controls': string | undefined;
    onClick(): void;
  };
}

/**
 * A panel opened by its trigger and closed again by the trigger, Escape, or a press elsewhere.
 * `onClosed` runs after a close, e.g. to give focus back to the trigger.
 */
export function usePopover(onClosed?: () => void): Popover {
  const [open, setOpen] = useState(false);
  const anchor = useRef<HTMLDivElement>(null);
  const panelId = useId();
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
  const triggerProps = {
    'aria-haspopup': 'dialog' as const,
    'aria-expanded': open,
    'aria-controls': open ? panelId : undefined,
    onClick: toggle,
  };
  return { open, toggle, close, anchor, panelId, triggerProps };
}

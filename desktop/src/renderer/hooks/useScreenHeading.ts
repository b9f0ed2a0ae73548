import { useEffect, useRef, type RefObject } from 'react';

/**
 * The heading of a screen that has just opened takes focus, so keyboard and screen reader users start
 * there instead of on the page body. Give the heading `tabIndex={-1}` (focusable by script only).
 */
export function useScreenHeading<T extends HTMLElement = HTMLHeadingElement>(): RefObject<T | null> {
  const heading = useRef<T>(null);
  useEffect(() => {
    heading.current?.focus({ preventScroll: false });
  }, []);
  return heading;
}

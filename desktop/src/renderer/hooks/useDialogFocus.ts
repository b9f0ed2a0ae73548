import { useEffect, useRef, type RefObject } from 'react';
import { useFocusTrap } from './useFocusTrap.js';

/**
 * Focus in a dialog while it is shown: on open it moves to the dialog's `data-autofocus` element (else its first
 * control), Tab and Shift+Tab stay inside, and on close it goes back to `returnFocus()` (the control that opened
 * it), when given.
 */
export function useDialogFocus(box: RefObject<HTMLElement | null>, returnFocus?: () => HTMLElement | null): void {
  const returnRef = useRef(returnFocus);
  useEffect(() => {
    returnRef.current = returnFocus;
  });
  useFocusTrap(true, box);
  useEffect(() => {
    const first =
      box.current?.querySelector<HTMLElement>('[data-autofocus]') ??
      box.current?.querySelector<HTMLElement>('button, input, select');
    first?.focus();
    const back = returnRef;
    return () => {
      // After React removed the dialog: the opener may itself have re-rendered meanwhile.
      queueMicrotask(() => back.current?.()?.focus());
    };
  }, [box]);
}

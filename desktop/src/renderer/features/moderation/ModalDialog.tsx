import { useEffect, useId, useRef, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import styled from 'styled-components';
import { useFocusTrap } from '../../hooks/useFocusTrap.js';

const Backdrop = styled.div`
  position: fixed;
  inset: 0;
  z-index: 40;
  display: grid;
  place-items: center;
  padding: ${({ theme }) => theme.space(4)};
  background: rgba(0, 0, 0, 0.55);
`;

const Box = styled.div`
  width: min(440px, 100%);
  max-height: calc(100vh - 32px);
  overflow-y: auto;
  display: flex;
  flex-direction: column;
  gap: ${({ theme }) => theme.space(4)};
  padding: ${({ theme }) => theme.space(5)};
  border-radius: ${({ theme }) => theme.radius.lg};
  background: ${({ theme }) => theme.color.surfaceRaised};
  border: 1px solid ${({ theme }) => theme.color.border};
  box-shadow: ${({ theme }) => theme.shadow.raised};
  color: ${({ theme }) => theme.color.text};
  h2 {
    margin: 0;
    font-size: ${({ theme }) => theme.font.size.lg};
  }
`;

export const DialogText = styled.p`
  margin: 0;
  color: ${({ theme }) => theme.color.textMuted};
  font-size: ${({ theme }) => theme.font.size.sm};
`;

export const DialogActions = styled.div`
  display: flex;
  flex-wrap: wrap;
  justify-content: flex-end;
  gap: ${({ theme }) => theme.space(2)};
`;

export interface ModalDialogProps {
  title: string;
  /** `alertdialog` for a question that needs an answer (remove someone?), `dialog` for a form. */
  role: 'dialog' | 'alertdialog';
  onClose(): void;
  /** Where focus goes back when the dialog closes (the control that opened it). */
  returnFocus: () => HTMLElement | null;
  testId: string;
  /** Describes the dialog for assistive tech (an element inside it). */
  describedBy?: string;
  children: ReactNode;
}

/**
 * A modal dialog over the meeting, rendered at the end of the page (not inside the list row that opened it): focus moves to its first `data-autofocus` element (else its first control),
 * Tab stays inside, Escape or a click on the backdrop closes it, and focus returns to what opened it.
 */
export function ModalDialog({ title, role, onClose, returnFocus, testId, describedBy, children }: ModalDialogProps) {
  const titleId = useId();
  const box = useRef<HTMLDivElement>(null);
  const closeRef = useRef(onClose);
  const returnRef = useRef(returnFocus);
  useEffect(() => {
    closeRef.current = onClose;
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
      queueMicrotask(() => back.current()?.focus());
    };
  }, []);
  return createPortal(
    <Backdrop
      onPointerDown={(event) => {
        if (event.target === event.currentTarget) closeRef.current();
      }}
    >
      <Box
        ref={box}
        role={role}
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={describedBy}
        data-testid={testId}
        onKeyDown={(event) => {
          if (event.key !== 'Escape') return;
          // Handled here, before the side panel's own Escape (which would close the whole panel).
          event.preventDefault();
          event.stopPropagation();
          closeRef.current();
        }}
      >
        <h2 id={titleId}>{title}</h2>
        {children}
      </Box>
    </Backdrop>,
    document.body,
  );
}

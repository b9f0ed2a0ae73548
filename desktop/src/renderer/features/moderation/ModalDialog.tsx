import { useEffect, useId, useRef, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import styled from 'styled-components';
import { useDialogFocus } from '../../hooks/useDialogFocus.js';
import { DialogTitle } from '../../ui/components/DialogParts.js';
import { RaisedPanel } from '../../ui/components/RaisedPanel.js';

const Backdrop = styled.div`
  position: fixed;
  inset: 0;
  z-index: 40;
  display: grid;
  place-items: center;
  padding: ${({ theme }) => theme.space(4)};
  background: rgba(0, 0, 0, 0.55);
`;

const Box = styled(RaisedPanel)`
  width: min(440px, 100%);
  max-height: calc(100vh - 32px);
  overflow-y: auto;
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
  useEffect(() => {
    closeRef.current = onClose;
  });
  useDialogFocus(box, returnFocus);
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
        <DialogTitle id={titleId}>{title}</DialogTitle>
        {children}
      </Box>
    </Backdrop>,
    document.body,
  );
}

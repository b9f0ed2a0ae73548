import { useEffect, useId, useRef, type ReactNode } from 'react';
import styled from 'styled-components';
import { Icon } from '../../ui/components/Icon.js';
import { NARROW } from '../../ui/components/Responsive.js';

const Panel = styled.aside`
  width: 340px;
  flex: none;
  display: flex;
  flex-direction: column;
  min-height: 0;
  background: ${({ theme }) => theme.color.surface};
  color: ${({ theme }) => theme.color.text};
  border-left: 1px solid ${({ theme }) => theme.color.border};
  @media ${NARROW} {
    position: fixed;
    inset: 0;
    width: auto;
    z-index: 20;
    border: none;
  }
`;

const Head = styled.div`
  display: flex;
  align-items: center;
  justify-content: space-between;
  padding: ${({ theme }) => `${theme.space(3)} ${theme.space(4)}`};
  border-bottom: 1px solid ${({ theme }) => theme.color.border};
  h2 {
    margin: 0;
    font-size: ${({ theme }) => theme.font.size.md};
  }
`;

const Close = styled.button`
  display: inline-grid;
  place-items: center;
  width: 36px;
  height: 36px;
  border-radius: 50%;
  border: none;
  background: transparent;
  color: inherit;
  cursor: pointer;
  &:hover {
    background: ${({ theme }) => theme.color.surfaceHover};
  }
`;

export interface SidePanelProps {
  title: string;
  closeLabel: string;
  onClose(): void;
  testId: string;
  children: ReactNode;
}

/**
 * A panel beside the tiles (a full-screen sheet on phones). Opening moves focus into it (its first field, or its
 * heading); Escape closes it, and the caller returns focus to the button that opened it.
 */
export function SidePanel({ title, closeLabel, onClose, testId, children }: SidePanelProps) {
  const headingId = useId();
  const panel = useRef<HTMLElement>(null);
  useEffect(() => {
    const box = panel.current;
    const first = box?.querySelector<HTMLElement>('[data-autofocus]') ?? box?.querySelector<HTMLElement>('h2');
    first?.focus();
  }, []);
  // Escape closes while focus is in the panel, or nowhere (a button in it that went away took focus with it).
  const closeRef = useRef(onClose);
  useEffect(() => {
    closeRef.current = onClose;
  });
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const focus = document.activeElement;
      const inside = focus === null || focus === document.body || panel.current?.contains(focus);
      if (event.key !== 'Escape' || !inside || event.defaultPrevented) return;
      event.preventDefault();
      closeRef.current();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <Panel ref={panel} aria-labelledby={headingId} data-testid={testId}>
      <Head>
        <h2 id={headingId} tabIndex={-1}>
          {title}
        </h2>
        <Close
          type="button"
          aria-label={closeLabel}
          title={closeLabel}
          onClick={onClose}
          data-testid={`${testId}-close`}
        >
          <Icon name="close" />
        </Close>
      </Head>
      {children}
    </Panel>
  );
}

import { useId } from 'react';
import styled from 'styled-components';
import { usePopover } from '../../hooks/usePopover.js';
import { Button } from '../../ui/components/Button.js';
import { PopoverAnchor, PopoverPanel } from '../../ui/components/Popover.js';

const Trigger = styled.button`
  height: 48px;
  padding: 0 ${({ theme }) => theme.space(4)};
  border-radius: ${({ theme }) => theme.radius.pill};
  border: 1px solid ${({ theme }) => theme.color.danger};
  background: transparent;
  color: ${({ theme }) => theme.color.onStage};
  font-weight: ${({ theme }) => theme.font.weight.medium};
  cursor: pointer;
  &:hover {
    background: rgba(255, 255, 255, 0.08);
  }
`;

const Title = styled.h2`
  margin: 0;
  font-size: ${({ theme }) => theme.font.size.lg};
`;

const Text = styled.p`
  margin: 0;
  color: ${({ theme }) => theme.color.textMuted};
  font-size: ${({ theme }) => theme.font.size.sm};
`;

const Actions = styled.div`
  display: flex;
  justify-content: flex-end;
  gap: ${({ theme }) => theme.space(2)};
`;

/**
 * The host's "End meeting for everyone", with a confirm step: nothing happens until the host
 * confirms, and Cancel (focused first), Escape or a click elsewhere backs out.
 */
export function EndMeetingButton({ onConfirm }: { onConfirm(): void }) {
  const { open, toggle, close, anchor } = usePopover();
  const titleId = useId();
  const textId = useId();

  return (
    <PopoverAnchor ref={anchor}>
      <Trigger
        type="button"
        aria-haspopup="dialog"
        aria-expanded={open}
        title="End the meeting for everyone"
        onClick={toggle}
        data-testid="end-meeting"
      >
        End meeting
      </Trigger>
      {open ? (
        <PopoverPanel role="alertdialog" aria-labelledby={titleId} aria-describedby={textId}>
          <Title id={titleId}>End the meeting for everyone?</Title>
          <Text id={textId}>Everyone is removed from the call, and the meeting code stops working.</Text>
          <Actions>
            <Button
              type="button"
              $variant="secondary"
              autoFocus
              onClick={close}
              data-testid="end-meeting-cancel"
            >
              Cancel
            </Button>
            <Button
              type="button"
              $variant="danger"
              onClick={() => {
                close();
                onConfirm();
              }}
              data-testid="end-meeting-confirm"
            >
              End for everyone
            </Button>
          </Actions>
        </PopoverPanel>
      ) : null}
    </PopoverAnchor>
  );
}

import { useRef } from 'react';
import styled from 'styled-components';
import { usePopover } from '../../hooks/usePopover.js';
import { PopoverAnchor, PopoverPanel } from '../../ui/components/Popover.js';
import { EndMeetingConfirm } from './EndMeetingConfirm.js';
import { useTranslation } from '../../i18n/useTranslation.js';

const Trigger = styled.button`
  height: 48px;
  padding: 0 ${({ theme }) => theme.space(4)};
  border-radius: ${({ theme }) => theme.radius.pill};
  border: 1px solid ${({ theme }) => theme.color.danger};
  background: transparent;
  color: ${({ theme }) => theme.color.onStage};
  font-weight: ${({ theme }) => theme.font.weight.medium};
  white-space: nowrap;
  cursor: pointer;
  &:hover {
    background: rgba(255, 255, 255, 0.08);
  }
`;

/**
 * The host's "End meeting for everyone", with a confirm step: nothing happens until the host
 * confirms, and Cancel (focused first), Escape or a click elsewhere backs out, focus back on the button.
 */
export function EndMeetingButton({ onConfirm }: { onConfirm(): void }) {
  const { t } = useTranslation();
  const trigger = useRef<HTMLButtonElement>(null);
  const { open, close, anchor, panelId, triggerProps } = usePopover(() => trigger.current?.focus());

  return (
    <PopoverAnchor ref={anchor}>
      <Trigger
        ref={trigger}
        type="button"
        {...triggerProps}
        title={t('meeting.endMeetingTitle')}
        data-testid="end-meeting"
      >
        {t('meeting.endMeeting')}
      </Trigger>
      {open ? (
        <PopoverPanel id={panelId}>
          <EndMeetingConfirm
            onCancel={close}
            onConfirm={() => {
              close();
              onConfirm();
            }}
          />
        </PopoverPanel>
      ) : null}
    </PopoverAnchor>
  );
}

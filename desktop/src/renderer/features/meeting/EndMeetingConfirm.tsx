import { useId, useRef } from 'react';
import styled from 'styled-components';
import { useFocusTrap } from '../../hooks/useFocusTrap.js';
import { Button } from '../../ui/components/Button.js';
import { useTranslation } from '../../i18n/useTranslation.js';

const Box = styled.div`
  display: flex;
  flex-direction: column;
  gap: ${({ theme }) => theme.space(4)};
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
  flex-wrap: wrap;
  justify-content: flex-end;
  gap: ${({ theme }) => theme.space(2)};
`;

/**
 * "End the meeting for everyone?": Cancel is focused first and Tab stays inside until the host answers
 * (Escape, handled by the popover, backs out too).
 */
export function EndMeetingConfirm({ onCancel, onConfirm }: { onCancel(): void; onConfirm(): void }) {
  const { t } = useTranslation();
  const titleId = useId();
  const textId = useId();
  const box = useRef<HTMLDivElement>(null);
  useFocusTrap(true, box);
  return (
    <Box ref={box} role="alertdialog" aria-modal="true" aria-labelledby={titleId} aria-describedby={textId}>
      <Title id={titleId}>{t('meeting.endConfirmTitle')}</Title>
      <Text id={textId}>{t('meeting.endConfirmText')}</Text>
      <Actions>
        <Button type="button" $variant="secondary" autoFocus onClick={onCancel} data-testid="end-meeting-cancel">
          {t('meeting.cancel')}
        </Button>
        <Button type="button" $variant="danger" onClick={onConfirm} data-testid="end-meeting-confirm">
          {t('meeting.endForEveryone')}
        </Button>
      </Actions>
    </Box>
  );
}

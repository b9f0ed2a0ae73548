import { useId, useRef } from 'react';
import styled from 'styled-components';
import { useDialogFocus } from '../../hooks/useDialogFocus.js';
import { Button } from '../../ui/components/Button.js';
import { DialogActions, DialogText, DialogTitle } from '../../ui/components/DialogParts.js';
import { useTranslation } from '../../i18n/useTranslation.js';

const Box = styled.div`
  display: flex;
  flex-direction: column;
  gap: ${({ theme }) => theme.space(4)};
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
  useDialogFocus(box);
  return (
    <Box ref={box} role="alertdialog" aria-modal="true" aria-labelledby={titleId} aria-describedby={textId}>
      <DialogTitle id={titleId}>{t('meeting.endConfirmTitle')}</DialogTitle>
      <DialogText id={textId}>{t('meeting.endConfirmText')}</DialogText>
      <DialogActions>
        <Button type="button" $variant="secondary" data-autofocus onClick={onCancel} data-testid="end-meeting-cancel">
          {t('meeting.cancel')}
        </Button>
        <Button type="button" $variant="danger" onClick={onConfirm} data-testid="end-meeting-confirm">
          {t('meeting.endForEveryone')}
        </Button>
      </DialogActions>
    </Box>
  );
}

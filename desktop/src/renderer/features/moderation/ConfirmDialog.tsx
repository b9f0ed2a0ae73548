import { useId } from 'react';
import { Button } from '../../ui/components/Button.js';
import { useTranslation } from '../../i18n/useTranslation.js';
import { DialogActions, DialogText } from '../../ui/components/DialogParts.js';
import { ModalDialog } from './ModalDialog.js';

export interface ConfirmDialogProps {
  title: string;
  text: string;
  confirmLabel: string;
  onConfirm(): void;
  onCancel(): void;
  returnFocus: () => HTMLElement | null;
  testId: string;
}

/** A question before a host power that cannot be undone here (remove someone, hand hosting over): Cancel first. */
export function ConfirmDialog({
  title,
  text,
  confirmLabel,
  onConfirm,
  onCancel,
  returnFocus,
  testId,
}: ConfirmDialogProps) {
  const { t } = useTranslation();
  const textId = useId();
  return (
    <ModalDialog
      title={title}
      role="alertdialog"
      onClose={onCancel}
      returnFocus={returnFocus}
      describedBy={textId}
      testId={testId}
    >
      <DialogText id={textId}>{text}</DialogText>
      <DialogActions>
        <Button type="button" $variant="secondary" data-autofocus onClick={onCancel} data-testid={`${testId}-cancel`}>
          {t('moderation.cancel')}
        </Button>
        <Button type="button" $variant="danger" onClick={onConfirm} data-testid={`${testId}-confirm`}>
          {confirmLabel}
        </Button>
      </DialogActions>
    </ModalDialog>
  );
}

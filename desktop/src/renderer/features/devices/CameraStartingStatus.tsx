import { useTranslation } from '../../i18n/useTranslation.js';
import { VisuallyHidden } from '../../ui/components/VisuallyHidden.js';

/**
 * Tells screen readers "Camera starting…" while a camera just turned on is checked (cameraButton.ts), next to the
 * camera button that shows it busy: a live region always there, empty otherwise, so the change is announced.
 */
export function CameraStartingStatus({ starting, testId }: { starting: boolean; testId: string }) {
  const { t } = useTranslation();
  return (
    <VisuallyHidden role="status" data-testid={testId}>
      {starting ? t('cameraStart.starting') : ''}
    </VisuallyHidden>
  );
}

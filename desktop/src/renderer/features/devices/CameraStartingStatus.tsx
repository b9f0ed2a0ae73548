import styled from 'styled-components';
import { useTranslation } from '../../i18n/useTranslation.js';
import { VisuallyHidden } from '../../ui/components/VisuallyHidden.js';

/**
 * The visible caption, on the pre-join preview whatever its picture: its own opaque pill in the stage's colours (the
 * same in both themes, about 17:1). Empty, it shows nothing. On a narrow phone a long translation wraps in the pill.
 */
const Caption = styled.span`
  align-self: center;
  min-width: 0;
  &:not(:empty) {
    padding: ${({ theme }) => `${theme.space(1)} ${theme.space(1.5)}`};
    border-radius: ${({ theme }) => theme.radius.md};
    border: 1px solid rgba(255, 255, 255, 0.14);
    background: ${({ theme }) => theme.color.stage};
    color: ${({ theme }) => theme.color.onStage};
    font-size: ${({ theme }) => theme.font.size.xs};
    font-weight: ${({ theme }) => theme.font.weight.medium};
    line-height: 1.35;
  }
`;

/**
 * Says "Camera starting…" while a camera just turned on is checked (cameraButton.ts), next to the camera button that
 * shows it busy: a live region always there, empty otherwise, so the change is announced. `visible` (the pre-join
 * preview) shows it as a caption too; otherwise it is for screen readers only.
 */
export function CameraStartingStatus({
  starting,
  testId,
  visible = false,
}: {
  starting: boolean;
  testId: string;
  visible?: boolean;
}) {
  const { t } = useTranslation();
  const Region = visible ? Caption : VisuallyHidden;
  return (
    <Region role="status" data-testid={testId}>
      {starting ? t('cameraStart.starting') : ''}
    </Region>
  );
}

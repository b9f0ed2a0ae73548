import { memo } from 'react';
import styled from 'styled-components';
import { Button } from '../../ui/components/Button.js';
import { Icon } from '../../ui/components/Icon.js';
import { StreamVideo } from '../../ui/components/StreamVideo.js';
import { useTranslation } from '../../i18n/useTranslation.js';

const Stage = styled.section`
  position: relative;
  min-height: 0;
  min-width: 0;
  border-radius: ${({ theme }) => theme.radius.lg};
  overflow: hidden;
  background: #000;
  border: 1px solid ${({ theme }) => theme.color.tileBorder};
`;

/** How far the caption reaches down the stage: the meeting's notice banners stack below it (MeetingScreen). */
export const SCREEN_CAPTION_HEIGHT = 40;

const Caption = styled.div`
  position: absolute;
  top: ${({ theme }) => theme.space(3)};
  left: ${({ theme }) => theme.space(3)};
  box-sizing: border-box;
  min-height: ${SCREEN_CAPTION_HEIGHT}px;
  display: flex;
  align-items: center;
  gap: ${({ theme }) => theme.space(3)};
  padding: ${({ theme }) => `${theme.space(1.5)} ${theme.space(3)}`};
  border-radius: ${({ theme }) => theme.radius.pill};
  background: rgba(0, 0, 0, 0.6);
  color: ${({ theme }) => theme.color.onStage};
  font-size: ${({ theme }) => theme.font.size.sm};
  font-weight: ${({ theme }) => theme.font.weight.medium};
`;

export interface ScreenStageProps {
  presenter: string;
  self: boolean;
  stream: MediaStream | null;
  onStop(): void;
}

/**
 * A shared screen, large, with who is presenting. Our own share is shown muted, with a Stop button. Memoised: the
 * stage renders again for changes of the tiles beside it, which change nothing here.
 */
export const ScreenStage = memo(function ScreenStage({ presenter, self, stream, onStop }: ScreenStageProps) {
  const { t } = useTranslation();
  const label = self ? t('meeting.youArePresenting') : t('meeting.presenting', { name: presenter });
  return (
    <Stage data-testid="screen-stage" data-presenter={presenter} aria-label={label}>
      <StreamVideo stream={stream} muted={self} fit="contain" testId="screen-video" label={label} />
      <Caption data-testid="screen-caption">
        <Icon name="screen" size={16} />
        {label}
        {self ? (
          <Button type="button" $variant="danger" onClick={onStop} style={{ minHeight: 28, padding: '0 12px' }}>
            {t('meeting.stop')}
          </Button>
        ) : null}
      </Caption>
    </Stage>
  );
});

import { memo, useId } from 'react';
import type { DeviceKind } from '../../call/deviceProblem.js';
import type { LocalMedia } from '../../call/localMedia.js';
import { useLocalMediaState } from '../../hooks/useLocalMediaState.js';
import type { Platform } from '../../platform/Platform.js';
import { Button } from '../../ui/components/Button.js';
import { Notice } from '../../ui/components/Notice.js';
import { NoticeRow } from './NoticeRow.js';
import { deviceMessages } from './deviceMessages.js';
import { useTranslation } from '../../i18n/useTranslation.js';
import { UnsendableCameraNotice } from './UnsendableCameraNotice.js';

const KINDS: readonly DeviceKind[] = ['microphone', 'camera'];

/**
 * Why the microphone or camera is off although wanted, how to allow it, and a Retry; and a camera whose picture
 * cannot be sent: shown on pre-join and in the meeting, so the person can fix it without leaving. Memoised: it follows
 * the local media by itself, and a change of the call does not render it again.
 */
export const DeviceProblems = memo(function DeviceProblems({
  media,
  platform,
}: {
  media: LocalMedia;
  platform: Platform['kind'];
}) {
  useTranslation(); // re-renders the sentences when the language changes
  const { problems } = useLocalMediaState(media);
  return (
    <>
      {KINDS.map((kind) => {
        const problem = problems[kind];
        return problem ? (
          <ProblemNotice
            key={kind}
            kind={kind}
            text={`${deviceMessages.problem(kind, problem.reason)} ${deviceMessages.howToFix(kind, problem.reason, platform)}`}
            onRetry={() => void (kind === 'microphone' ? media.setAudioEnabled(true) : media.setVideoEnabled(true))}
          />
        ) : null;
      })}
      <UnsendableCameraNotice media={media} />
    </>
  );
});

function ProblemNotice({ kind, text, onRetry }: { kind: DeviceKind; text: string; onRetry(): void }) {
  const { t } = useTranslation();
  const textId = useId();
  return (
    <Notice testId={`device-problem-${kind}`}>
      <NoticeRow>
        <span id={textId}>{text}</span>
        <Button
          type="button"
          $variant="secondary"
          onClick={onRetry}
          aria-label={deviceMessages.retryLabel(kind)}
          aria-describedby={textId}
          data-testid={`device-retry-${kind}`}
        >
          {t('devices.retry')}
        </Button>
      </NoticeRow>
    </Notice>
  );
}

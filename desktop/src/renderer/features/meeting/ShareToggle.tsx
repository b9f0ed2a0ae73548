import { useSharePhase } from '../../hooks/useSharePhase.js';
import type { SharePhaseSource } from '../../call/sharePhase.js';
import { useTranslation } from '../../i18n/useTranslation.js';
import { Icon } from '../../ui/components/Icon.js';
import { ToggleButton } from '../../ui/components/ToggleButton.js';

export interface ShareToggleProps {
  share: SharePhaseSource;
  canShare: boolean;
  /** Why the meeting's settings keep the share off (only hosts may), or null. */
  refusal: string | null;
  /** The tooltip and aria-keyshortcuts for a title (ControlBar's shortcut hint). */
  withKeys(title: string): { title: string; keyShortcuts?: string };
  onToggle(): void;
}

/**
 * The control bar's screen share button. It follows the share itself (useSharePhase), so from the moment the share
 * starts it shows it pressed and busy ("Starting to share… Press to stop"), while the rest of the meeting view waits
 * for the first frame to leave; pressing it then stops the share like any other time.
 */
export function ShareToggle({ share, canShare, refusal, withKeys, onToggle }: ShareToggleProps) {
  const { t } = useTranslation();
  const phase = useSharePhase(share);
  const title =
    phase === 'starting'
      ? t('shareStart.cancelTitle')
      : phase === 'on'
        ? t('meeting.stopSharingYourScreen')
        : t('meeting.shareYourScreen');
  return (
    <ToggleButton
      on={phase !== 'off'}
      busy={phase === 'starting'}
      variant="feature"
      label={t('meeting.shareScreen')}
      {...(canShare ? withKeys(title) : { title: t('meeting.shareUnavailable') })}
      {...(refusal ? { title: refusal } : {})}
      icon={<Icon name="screen" />}
      onToggle={onToggle}
      disabled={!canShare}
      unavailable={Boolean(refusal)}
      testId="toggle-share"
    />
  );
}

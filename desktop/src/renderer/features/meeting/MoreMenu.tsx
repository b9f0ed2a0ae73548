import { useRef, useState, type ReactNode } from 'react';
import { usePopover } from '../../hooks/usePopover.js';
import { Button } from '../../ui/components/Button.js';
import { Icon } from '../../ui/components/Icon.js';
import { PopoverAnchor, PopoverPanel } from '../../ui/components/Popover.js';
import { EndMeetingConfirm } from './EndMeetingConfirm.js';
import { useTranslation } from '../../i18n/useTranslation.js';
import { LanguageSelect } from '../language/LanguageSelect.js';
import { SoundSetting } from '../notices/SoundSetting.js';
import { RoundButton } from '../../ui/components/RoundButton.js';
import type { SharePhaseSource } from '../../call/sharePhase.js';
import { useSharePhase } from '../../hooks/useSharePhase.js';

/** The share item's words: "Stop sharing" from the moment the share starts (sharePhase.ts). */
function ShareItemText({ share }: { share: SharePhaseSource }) {
  const { t } = useTranslation();
  return useSharePhase(share) === 'off' ? t('meeting.shareScreen') : t('meeting.stopSharing');
}

export interface MoreMenuProps {
  /** Our screen share's phase: the share item follows it by itself (sharePhase.ts). */
  share: SharePhaseSource;
  canShare: boolean;
  onToggleShare(): void;
  /** Camera and microphone choice. */
  devices: ReactNode;
  onEndForEveryone?: () => void;
  /** Chat, hands and reactions items (features/room); `close` closes this menu. */
  room?: (close: () => void) => ReactNode;
}

/**
 * On narrow screens, the controls that do not fit the bar: screen share, devices and the host's end
 * of the meeting (which asks to confirm in the same panel).
 */
export function MoreMenu({ share, canShare, onToggleShare, devices, onEndForEveryone, room }: MoreMenuProps) {
  const { t } = useTranslation();
  const trigger = useRef<HTMLButtonElement>(null);
  const [confirming, setConfirming] = useState(false);
  const { open, close, anchor, panelId, triggerProps } = usePopover(() => {
    setConfirming(false);
    trigger.current?.focus();
  });

  return (
    <PopoverAnchor ref={anchor}>
      <RoundButton
        ref={trigger}
        type="button"
        aria-label={t('meeting.more')}
        title={t('meeting.more')}
        {...triggerProps}
        data-testid="more-menu"
      >
        <Icon name="more" />
      </RoundButton>
      {open ? (
        <PopoverPanel id={panelId} role={confirming ? undefined : 'dialog'} aria-label={t('meeting.more')}>
          {confirming && onEndForEveryone ? (
            <EndMeetingConfirm
              onCancel={close}
              onConfirm={() => {
                close();
                onEndForEveryone();
              }}
            />
          ) : (
            <>
              <Button
                type="button"
                $variant="secondary"
                disabled={!canShare}
                title={canShare ? undefined : t('meeting.shareUnavailable')}
                onClick={() => {
                  close();
                  onToggleShare();
                }}
                data-testid="more-share"
              >
                <Icon name="screen" size={18} />
                <ShareItemText share={share} />
              </Button>
              {room?.(close)}
              {devices}
              <LanguageSelect testId="meeting-language-select" />
              <SoundSetting />
              {onEndForEveryone ? (
                <Button
                  type="button"
                  $variant="danger"
                  aria-haspopup="dialog"
                  onClick={() => setConfirming(true)}
                  data-testid="more-end-meeting"
                >
                  {t('meeting.endMeeting')}
                </Button>
              ) : null}
            </>
          )}
        </PopoverPanel>
      ) : null}
    </PopoverAnchor>
  );
}

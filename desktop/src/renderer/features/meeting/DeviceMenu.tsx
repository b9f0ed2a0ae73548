import type { LocalMedia } from '../../call/localMedia.js';
import { usePopover } from '../../hooks/usePopover.js';
import { Icon } from '../../ui/components/Icon.js';
import { PopoverAnchor, PopoverPanel } from '../../ui/components/Popover.js';
import { DeviceSelectors } from '../devices/DeviceSelectors.js';
import { useTranslation } from '../../i18n/useTranslation.js';
import { LanguageSelect } from '../language/LanguageSelect.js';
import { NotificationPermission } from '../notices/NotificationPermission.js';
import { SoundSetting } from '../notices/SoundSetting.js';
import { RoundButton } from '../../ui/components/RoundButton.js';

/** Camera and microphone choice during the call; a switch replaces the track on every call in place. */
export function DeviceMenu({ media }: { media: LocalMedia }) {
  const { t } = useTranslation();
  const { open, anchor, panelId, triggerProps } = usePopover();

  return (
    <PopoverAnchor ref={anchor}>
      <RoundButton
        type="button"
        aria-label={t('meeting.deviceSettings')}
        title={t('meeting.deviceSettings')}
        {...triggerProps}
        data-testid="device-settings"
      >
        <Icon name="settings" />
      </RoundButton>
      {open ? (
        <PopoverPanel id={panelId} role="dialog" aria-label={t('meeting.devicePanel')}>
          <DeviceSelectors media={media} />
          <LanguageSelect testId="meeting-language-select" />
          <SoundSetting />
          <NotificationPermission />
        </PopoverPanel>
      ) : null}
    </PopoverAnchor>
  );
}

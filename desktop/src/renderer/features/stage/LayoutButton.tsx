import { Button } from '../../ui/components/Button.js';
import { Icon } from '../../ui/components/Icon.js';
import { RoundButton } from '../../ui/components/RoundButton.js';
import { useTranslation } from '../../i18n/useTranslation.js';
import type { LayoutMode } from './stageLayout.js';

/** The control bar's layout switch: a toggle button, pressed in speaker view, gallery when not. */
export function LayoutButton({ mode, onChange }: { mode: LayoutMode; onChange(mode: LayoutMode): void }) {
  const { t } = useTranslation();
  const speaker = mode === 'speaker';
  return (
    <RoundButton
      type="button"
      $on={speaker}
      aria-pressed={speaker}
      aria-label={t('stage.speakerView')}
      title={speaker ? t('stage.switchToGallery') : t('stage.switchToSpeaker')}
      onClick={() => onChange(speaker ? 'gallery' : 'speaker')}
      data-testid="toggle-layout"
    >
      <Icon name={speaker ? 'speakerView' : 'gallery'} />
    </RoundButton>
  );
}

/** The same switch inside the "More" menu on narrow screens. */
export function LayoutMoreItem({ mode, onChange }: { mode: LayoutMode; onChange(mode: LayoutMode): void }) {
  const { t } = useTranslation();
  const speaker = mode === 'speaker';
  return (
    <Button
      type="button"
      $variant="secondary"
      onClick={() => onChange(speaker ? 'gallery' : 'speaker')}
      data-testid="more-layout"
    >
      <Icon name={speaker ? 'gallery' : 'speakerView'} size={18} />
      {speaker ? t('stage.switchToGallery') : t('stage.switchToSpeaker')}
    </Button>
  );
}

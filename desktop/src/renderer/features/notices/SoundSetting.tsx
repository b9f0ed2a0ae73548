import { useId } from 'react';
import styled from 'styled-components';
import { useTranslation } from '../../i18n/useTranslation.js';
import { setSoundsOn, useSoundsOn } from './soundSetting.js';

const Label = styled.label`
  display: flex;
  align-items: center;
  gap: ${({ theme }) => theme.space(2)};
  font-size: ${({ theme }) => theme.font.size.sm};
  cursor: pointer;
  input {
    width: 18px;
    height: 18px;
    margin: 0;
    accent-color: ${({ theme }) => theme.color.accentFill};
  }
`;

/** The settings' switch for notice sounds (joins, leaves, hands, messages), remembered on this device. */
export function SoundSetting() {
  const { t } = useTranslation();
  const on = useSoundsOn();
  const id = useId();
  return (
    <Label htmlFor={id}>
      <input
        id={id}
        type="checkbox"
        checked={on}
        onChange={(event) => setSoundsOn(event.target.checked)}
        data-testid="setting-sounds"
      />
      {t('notices.sounds')}
    </Label>
  );
}

import styled from 'styled-components';
import { Icon } from '../../ui/components/Icon.js';
import { useTranslation } from '../../i18n/useTranslation.js';

/**
 * A tile's bottom-right corner: its buttons (pin, connection quality). They show on hover or keyboard focus, and
 * always on touch screens, where nothing hovers.
 */
export const TileCorner = styled.div`
  position: absolute;
  right: ${({ theme }) => theme.space(2)};
  bottom: ${({ theme }) => theme.space(2)};
  display: flex;
  gap: ${({ theme }) => theme.space(1)};
`;

const CornerButton = styled.button<{ $on: boolean }>`
  display: inline-grid;
  place-items: center;
  width: 32px;
  height: 32px;
  border-radius: 50%;
  border: none;
  background: ${({ theme, $on }) => ($on ? theme.color.accentFill : 'rgba(0, 0, 0, 0.6)')};
  color: #fff;
  cursor: pointer;
  opacity: ${({ $on }) => ($on ? 1 : 0)};
  transition: opacity ${({ theme }) => theme.motion.fast};
  figure:hover &,
  figure:focus-within &,
  &:focus-visible {
    opacity: 1;
  }
  @media (hover: none) {
    opacity: 1;
  }
`;

/** Pins this person to the large area, or unpins them (a toggle: its name says whom, its state whether). */
export function PinButton({ name, pinned, onPin }: { name: string; pinned: boolean; onPin(pin: boolean): void }) {
  const { t } = useTranslation();
  const label = t('stage.pinName', { name });
  return (
    <CornerButton
      type="button"
      $on={pinned}
      aria-pressed={pinned}
      aria-label={label}
      title={pinned ? t('stage.unpinName', { name }) : label}
      onClick={() => onPin(!pinned)}
      data-testid="tile-pin"
    >
      <Icon name="pin" size={16} />
    </CornerButton>
  );
}

import styled, { keyframes } from 'styled-components';
import { Icon } from '../../ui/components/Icon.js';
import { useTranslation } from '../../i18n/useTranslation.js';
import type { FloatingReaction } from './roomStore.js';

const rise = keyframes`
  from { transform: translateY(0); opacity: 1; }
  80% { opacity: 1; }
  to { transform: translateY(-120%); opacity: 0; }
`;

const Hand = styled.span`
  position: absolute;
  top: ${({ theme }) => theme.space(2)};
  right: ${({ theme }) => theme.space(2)};
  display: inline-flex;
  align-items: center;
  gap: ${({ theme }) => theme.space(1)};
  padding: ${({ theme }) => `${theme.space(0.5)} ${theme.space(2)}`};
  border-radius: ${({ theme }) => theme.radius.pill};
  background: #ffd166;
  color: #0b0d12;
  font-size: ${({ theme }) => theme.font.size.sm};
  font-weight: ${({ theme }) => theme.font.weight.bold};
`;

const Floating = styled.span`
  position: absolute;
  left: 50%;
  bottom: 20%;
  margin-left: -20px;
  font-size: 40px;
  line-height: 1;
  pointer-events: none;
  animation: ${rise} 4s ease-out forwards;
  @media (prefers-reduced-motion: reduce) {
    animation: none;
  }
`;

/** What the room adds over a tile: the raised hand (with its place in the queue) and floating reactions. */
export function TileOverlay({ hand, reactions }: { hand: number | null; reactions: readonly FloatingReaction[] }) {
  const { t } = useTranslation();
  return (
    <>
      {hand !== null ? (
        <Hand data-testid="tile-hand" title={t('room.handRaisedNumber', { position: hand })}>
          <Icon name="hand" size={14} label={t('room.handRaisedNumber', { position: hand })} />
          {hand}
        </Hand>
      ) : null}
      {reactions.map((reaction) => (
        <Floating key={reaction.key} role="img" aria-label={reaction.emoji} data-testid="tile-reaction">
          {reaction.emoji}
        </Floating>
      ))}
    </>
  );
}

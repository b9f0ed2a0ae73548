import styled from 'styled-components';
import { useTranslation } from '../../i18n/useTranslation.js';

const BARS = 10;

const Track = styled.div`
  display: flex;
  align-items: flex-end;
  gap: 3px;
  height: 20px;
`;

const Bar = styled.span<{ $lit: boolean; $height: number }>`
  width: 4px;
  height: ${({ $height }) => $height}%;
  border-radius: 2px;
  background: ${({ theme, $lit }) => ($lit ? theme.color.success : 'rgba(255,255,255,0.22)')};
  transition: background 80ms linear;
`;

/** The live microphone level as a row of bars; `data-level` carries the number (0..1). */
export function LevelMeter({ level, testId }: { level: number; testId?: string }) {
  const { t } = useTranslation();
  const lit = Math.round(level * BARS);
  return (
    <Track
      role="meter"
      aria-label={t('prejoin.microphoneLevel')}
      aria-valuemin={0}
      aria-valuemax={1}
      aria-valuenow={level}
      data-level={level.toFixed(2)}
      data-testid={testId}
    >
      {Array.from({ length: BARS }, (_, i) => (
        <Bar key={i} $lit={i < lit} $height={35 + (65 * (i + 1)) / BARS} />
      ))}
    </Track>
  );
}

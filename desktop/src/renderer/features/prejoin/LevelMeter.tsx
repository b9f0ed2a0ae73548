import { useCallback, useLayoutEffect, useRef } from 'react';
import styled from 'styled-components';
import { useMicLevel } from '../../hooks/useMicLevel.js';
import { useTranslation } from '../../i18n/useTranslation.js';

const BARS = 10;

const Track = styled.div`
  display: flex;
  align-items: flex-end;
  gap: 3px;
  height: 20px;
`;

const Bar = styled.span<{ $height: number }>`
  width: 4px;
  height: ${({ $height }) => $height}%;
  border-radius: 2px;
  background: rgba(255, 255, 255, 0.22);
  transition: background 80ms linear;
  &[data-lit='true'] {
    background: ${({ theme }) => theme.color.success};
  }
`;

export interface LevelMeterProps {
  /** The microphone whose level shows; null: none (the meter shows 0). */
  track: MediaStreamTrack | null;
  /** The level stands still where it is (useMicLevel). */
  still?: boolean;
  /** The microphone is off: the meter shows 0 (and its level again when it is back on). */
  silent?: boolean;
  testId?: string;
}

/**
 * The live microphone level as a row of bars; `data-level` and `aria-valuenow` carry the number (0..1). The level
 * is written into the element ten times a second without a React render (useMicLevel).
 */
export function LevelMeter({ track, still = false, silent = false, testId }: LevelMeterProps) {
  const { t } = useTranslation();
  const meter = useRef<HTMLDivElement>(null);
  const reading = useRef(0);
  const paint = useCallback(() => showLevel(meter.current, silent ? 0 : reading.current), [silent]);
  useMicLevel(track, still, (level) => {
    reading.current = level;
    paint();
  });
  useLayoutEffect(paint, [paint]);
  return (
    <Track
      ref={meter}
      role="meter"
      aria-label={t('prejoin.microphoneLevel')}
      aria-valuemin={0}
      aria-valuemax={1}
      aria-valuenow={0}
      data-level="0.00"
      data-testid={testId}
    >
      {Array.from({ length: BARS }, (_, i) => (
        <Bar key={i} data-lit="false" $height={35 + (65 * (i + 1)) / BARS} />
      ))}
    </Track>
  );
}

function showLevel(meter: HTMLDivElement | null, level: number): void {
  if (!meter) return;
  meter.setAttribute('aria-valuenow', String(level));
  meter.dataset.level = level.toFixed(2);
  const lit = Math.round(level * BARS);
  Array.from(meter.children).forEach((bar, i) => bar.setAttribute('data-lit', String(i < lit)));
}

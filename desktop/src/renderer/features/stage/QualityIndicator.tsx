import { useId, useState } from 'react';
import styled, { useTheme } from 'styled-components';
import { i18n } from '../../i18n/i18n.js';
import { useTranslation } from '../../i18n/useTranslation.js';
import type { ConnectionQuality, QualityLevel } from './connectionQuality.js';

const BARS: Record<QualityLevel, number> = { good: 3, fair: 2, poor: 1 };

/**
 * Signal bars: three for good, two for fair, one for poor (the count says it, not only the colour), coloured for
 * the dark meeting stage or for the page (the participants list).
 */
export function QualityBars({ level, on = 'stage' }: { level: QualityLevel; on?: 'stage' | 'page' }) {
  const theme = useTheme();
  const good = on === 'stage' ? theme.color.speaking : theme.color.success;
  const colour = { good, fair: theme.color.warning, poor: theme.color.danger }[level];
  const size = 16;
  return (
    <svg width={size} height={size} viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      {[0, 1, 2].map((bar) => (
        <rect
          key={bar}
          x={1 + bar * 5}
          y={10 - bar * 4}
          width={4}
          height={5 + bar * 4}
          rx={1}
          fill={bar < BARS[level] ? colour : 'none'}
          stroke={bar < BARS[level] ? colour : 'currentColor'}
          strokeWidth={1}
        />
      ))}
    </svg>
  );
}

/** The quality's name ("Connection: fair") and what it means with what was measured, as sentences. */
export function qualityText(quality: ConnectionQuality): { label: string; explanation: string } {
  const measured = [
    quality.lossPercent !== null ? i18n.t('stage.quality.loss', { value: round(quality.lossPercent, 1) }) : null,
    quality.roundTripMs !== null ? i18n.t('stage.quality.roundTrip', { value: Math.round(quality.roundTripMs) }) : null,
    quality.framesPerSecond !== null
      ? i18n.t('stage.quality.frameRate', { value: Math.round(quality.framesPerSecond) })
      : null,
  ].filter((part): part is string => part !== null);
  const means = i18n.t(`stage.quality.${quality.level}Means`);
  return {
    label: i18n.t(`stage.quality.${quality.level}`),
    explanation: measured.length > 0 ? `${means} ${measured.join(', ')}.` : means,
  };
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

const Anchor = styled.span`
  position: relative;
  display: inline-flex;
`;

const Trigger = styled.button`
  display: inline-grid;
  place-items: center;
  width: 32px;
  height: 32px;
  border-radius: 50%;
  border: none;
  background: rgba(0, 0, 0, 0.6);
  color: #fff;
  cursor: help;
`;

const Tip = styled.span`
  position: absolute;
  right: 0;
  bottom: calc(100% + 6px);
  width: max-content;
  max-width: min(240px, 60vw);
  padding: ${({ theme }) => `${theme.space(1.5)} ${theme.space(2.5)}`};
  border-radius: ${({ theme }) => theme.radius.md};
  background: rgba(0, 0, 0, 0.85);
  color: #fff;
  font-size: ${({ theme }) => theme.font.size.xs};
  line-height: 1.4;
  text-align: left;
  &[hidden] {
    display: none;
  }
`;

/**
 * A tile's connection quality: signal bars on a button whose tooltip (on hover, keyboard focus or a tap) says what
 * it means and what was measured. Escape hides it.
 */
export function QualityIndicator({ quality }: { quality: ConnectionQuality }) {
  useTranslation();
  const [open, setOpen] = useState(false);
  const tipId = useId();
  const { label, explanation } = qualityText(quality);
  return (
    <Anchor onMouseEnter={() => setOpen(true)} onMouseLeave={() => setOpen(false)}>
      <Trigger
        type="button"
        aria-label={label}
        aria-describedby={tipId}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onClick={() => setOpen((was) => !was)}
        onKeyDown={(event) => {
          if (event.key === 'Escape' && open) {
            event.stopPropagation();
            setOpen(false);
          }
        }}
        data-testid="tile-quality"
        data-quality={quality.level}
      >
        <QualityBars level={quality.level} />
      </Trigger>
      <Tip id={tipId} role="tooltip" hidden={!open} data-testid="tile-quality-tip">
        <strong>{label}</strong> {explanation}
      </Tip>
    </Anchor>
  );
}

/** The quality in a list row (participants): bars named for assistive tech, the explanation on hover. */
export function QualityMark({ quality }: { quality: ConnectionQuality }) {
  useTranslation();
  const { label, explanation } = qualityText(quality);
  return (
    <span
      role="img"
      aria-label={label}
      title={`${label}. ${explanation}`}
      data-testid="participant-quality"
      data-quality={quality.level}
    >
      <QualityBars level={quality.level} on="page" />
    </span>
  );
}

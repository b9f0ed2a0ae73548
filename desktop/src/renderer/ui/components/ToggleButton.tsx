import type { ReactNode } from 'react';
import styled, { keyframes } from 'styled-components';

/** `media`: off is the warning colour (a muted microphone must be obvious). `feature`: on is the accent. */
export type ToggleVariant = 'media' | 'feature';

/** A busy button's icon breathes (never below 70%: the white icon keeps its contrast). */
const breathe = keyframes`
  from {
    opacity: 1;
  }
  to {
    opacity: 0.7;
  }
`;

const Round = styled.button<{ $on: boolean; $size: number; $variant: ToggleVariant }>`
  display: inline-grid;
  place-items: center;
  width: ${({ $size }) => $size}px;
  height: ${({ $size }) => $size}px;
  border-radius: 50%;
  border: 1px solid rgba(255, 255, 255, 0.16);
  background: ${({ theme, $on, $variant }) =>
    backgroundOf($variant, $on, theme.color.controlOff, theme.color.accentFill)};
  color: #fff;
  cursor: pointer;
  backdrop-filter: blur(8px);
  transition:
    background ${({ theme }) => theme.motion.fast},
    transform ${({ theme }) => theme.motion.fast};
  &:hover:not(:disabled) {
    filter: brightness(1.15);
  }
  &:active:not(:disabled) {
    transform: scale(0.96);
  }
  &[aria-busy='true'] > * {
    animation: ${breathe} 0.8s ease-in-out infinite alternate;
  }
  &:disabled,
  &[aria-disabled='true'] {
    opacity: 0.5;
    cursor: not-allowed;
  }
`;

export interface ToggleButtonProps {
  on: boolean;
  label: string;
  icon: ReactNode;
  onToggle(): void;
  disabled?: boolean;
  /**
   * Not allowed now (the meeting's settings): dimmed and marked disabled for assistive tech, but still focusable,
   * so its title (why) is read; pressing it shows the same sentence.
   */
  unavailable?: boolean;
  /** Getting to `on`, still pressable (e.g. to cancel): `aria-busy`, and the icon breathes. */
  busy?: boolean;
  size?: number;
  variant?: ToggleVariant;
  testId?: string;
  /** Shown as a tooltip, e.g. what the button will do. */
  title?: string;
  /** Its keyboard shortcut in aria-keyshortcuts form, e.g. `Control+Shift+M`. */
  keyShortcuts?: string;
}

/** A round on/off control for microphone, camera and screen; `aria-pressed` tells its state. */
export function ToggleButton({
  on,
  label,
  icon,
  onToggle,
  disabled,
  unavailable,
  busy,
  size = 48,
  variant = 'media',
  testId,
  title,
  keyShortcuts,
}: ToggleButtonProps) {
  return (
    <Round
      type="button"
      aria-pressed={on}
      aria-label={label}
      title={title ?? label}
      aria-keyshortcuts={keyShortcuts}
      $on={on}
      $size={size}
      $variant={variant}
      onClick={onToggle}
      disabled={disabled}
      aria-disabled={unavailable ? true : undefined}
      aria-busy={busy ? true : undefined}
      data-testid={testId}
    >
      {icon}
    </Round>
  );
}

function backgroundOf(variant: ToggleVariant, on: boolean, off: string, accent: string): string {
  const neutral = 'rgba(255, 255, 255, 0.1)';
  if (variant === 'media') return on ? neutral : off;
  return on ? accent : neutral;
}

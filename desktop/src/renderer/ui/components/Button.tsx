import styled, { css } from 'styled-components';

export type ButtonVariant = 'primary' | 'secondary' | 'danger' | 'ghost';

/** The app's button. `$variant` picks the colour role; `$block` stretches it to its container. */
export const Button = styled.button<{ $variant?: ButtonVariant; $block?: boolean }>`
  display: inline-flex;
  align-items: center;
  justify-content: center;
  gap: ${({ theme }) => theme.space(2)};
  min-height: 40px;
  padding: 0 ${({ theme }) => theme.space(4)};
  border-radius: ${({ theme }) => theme.radius.md};
  border: 1px solid transparent;
  font-weight: ${({ theme }) => theme.font.weight.medium};
  font-size: ${({ theme }) => theme.font.size.md};
  cursor: pointer;
  white-space: nowrap;
  transition:
    background ${({ theme }) => theme.motion.fast},
    border-color ${({ theme }) => theme.motion.fast},
    opacity ${({ theme }) => theme.motion.fast};
  width: ${({ $block }) => ($block ? '100%' : 'auto')};

  &:disabled {
    opacity: 0.55;
    cursor: not-allowed;
  }

  ${({ theme, $variant = 'primary' }) => {
    switch ($variant) {
      case 'primary':
        return css`
          background: ${theme.color.accentFill};
          color: ${theme.color.onAccent};
          &:hover:not(:disabled) {
            background: ${theme.color.accentHover};
          }
        `;
      case 'danger':
        return css`
          background: ${theme.color.dangerFill};
          color: ${theme.color.onDanger};
          &:hover:not(:disabled) {
            background: ${theme.color.dangerHover};
          }
        `;
      case 'secondary':
        return css`
          background: ${theme.color.surfaceRaised};
          border-color: ${theme.color.border};
          color: ${theme.color.text};
          &:hover:not(:disabled) {
            background: ${theme.color.surfaceHover};
          }
        `;
      case 'ghost':
        return css`
          background: transparent;
          color: ${theme.color.textMuted};
          &:hover:not(:disabled) {
            background: ${theme.color.surfaceHover};
            color: ${theme.color.text};
          }
        `;
    }
  }}
`;

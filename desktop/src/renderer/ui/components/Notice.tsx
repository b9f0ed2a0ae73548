import type { ReactNode } from 'react';
import styled from 'styled-components';
import { Icon } from './Icon.js';

const Box = styled.div<{ $tone: 'error' | 'info' }>`
  display: flex;
  gap: ${({ theme }) => theme.space(2)};
  align-items: flex-start;
  padding: ${({ theme }) => `${theme.space(2.5)} ${theme.space(3)}`};
  border-radius: ${({ theme }) => theme.radius.md};
  font-size: ${({ theme }) => theme.font.size.sm};
  background: ${({ theme, $tone }) => ($tone === 'error' ? theme.color.errorBackground : theme.color.surfaceRaised)};
  color: ${({ theme, $tone }) => ($tone === 'error' ? theme.color.danger : theme.color.text)};
  border: 1px solid ${({ theme, $tone }) => ($tone === 'error' ? 'transparent' : theme.color.border)};
  svg {
    flex: none;
    margin-top: 1px;
  }
`;

/** A sentence for the person: an error (announced by screen readers at once) or information. */
export function Notice({
  tone = 'error',
  children,
  testId,
}: {
  tone?: 'error' | 'info';
  children: ReactNode;
  testId?: string;
}) {
  return (
    <Box $tone={tone} role={tone === 'error' ? 'alert' : 'status'} data-testid={testId}>
      <Icon name="alert" size={16} />
      <span>{children}</span>
    </Box>
  );
}

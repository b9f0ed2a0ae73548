import type { ReactNode } from 'react';
import styled from 'styled-components';
import { Brand } from './Brand.js';

const Bar = styled.header`
  display: flex;
  align-items: center;
  justify-content: space-between;
  gap: ${({ theme }) => theme.space(4)};
  padding: ${({ theme }) => `${theme.space(3)} ${theme.space(6)}`};
  border-bottom: 1px solid ${({ theme }) => theme.color.border};
  background: ${({ theme }) => theme.color.surface};
`;

const End = styled.div`
  display: flex;
  align-items: center;
  gap: ${({ theme }) => theme.space(3)};
`;

/** The app header: the wordmark, and whatever the screen puts at the end. */
export function TopBar({ children }: { children?: ReactNode }) {
  return (
    <Bar>
      <Brand />
      <End>{children}</End>
    </Bar>
  );
}

import type { ReactNode } from 'react';
import styled from 'styled-components';
import { TopBar } from './TopBar.js';

const Page = styled.div`
  min-height: 100%;
  display: flex;
  flex-direction: column;
`;

const Main = styled.main<{ $width: number }>`
  flex: 1;
  width: min(${({ $width }) => $width}px, 100%);
  margin: 0 auto;
  padding: ${({ theme }) => `${theme.space(10)} ${theme.space(6)}`};
`;

export interface PageLayoutProps {
  /** What the top bar shows at its end (sign-out, back). */
  actions: ReactNode;
  /** The widest the content column gets, in pixels. */
  width: number;
  children: ReactNode;
}

/** A screen outside the meeting: the top bar, then one centred content column. */
export function PageLayout({ actions, width, children }: PageLayoutProps) {
  return (
    <Page>
      <TopBar>{actions}</TopBar>
      <Main $width={width}>{children}</Main>
    </Page>
  );
}

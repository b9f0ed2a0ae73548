import styled from 'styled-components';
import { useScreenHeading } from '../../hooks/useScreenHeading.js';
import { Button } from '../../ui/components/Button.js';
import { Card } from '../../ui/components/Card.js';
import { PageLayout } from '../../ui/components/PageLayout.js';
import { leftMessages } from './leftMessages.js';

const Box = styled(Card)`
  display: flex;
  flex-direction: column;
  gap: ${({ theme }) => theme.space(4)};
  h1 {
    margin: 0;
    font-size: ${({ theme }) => theme.font.size.xl};
  }
  p {
    margin: 0;
    color: ${({ theme }) => theme.color.textMuted};
  }
`;

const Actions = styled.div`
  display: flex;
  flex-wrap: wrap;
  gap: ${({ theme }) => theme.space(2)};
`;

/** After Leave: say so plainly, with Rejoin (the same meeting) and Home. */
export function LeftScreen({ code, onRejoin, onHome }: { code: string; onRejoin(): void; onHome(): void }) {
  const heading = useScreenHeading();
  return (
    <PageLayout width={560} actions={null}>
      <Box data-testid="left-view">
        <h1 ref={heading} tabIndex={-1} data-testid="screen-heading">
          {leftMessages.title}
        </h1>
        <p>{leftMessages.text(code)}</p>
        <Actions>
          <Button type="button" onClick={onRejoin} data-testid="rejoin">
            {leftMessages.rejoin}
          </Button>
          <Button type="button" $variant="secondary" onClick={onHome} data-testid="left-home">
            {leftMessages.home}
          </Button>
        </Actions>
      </Box>
    </PageLayout>
  );
}

import styled from 'styled-components';
import { useScreenHeading } from '../../hooks/useScreenHeading.js';
import { Button } from '../../ui/components/Button.js';
import { Card } from '../../ui/components/Card.js';
import { PageLayout } from '../../ui/components/PageLayout.js';
import { useTranslation } from '../../i18n/useTranslation.js';

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
  const { t } = useTranslation();
  const heading = useScreenHeading();
  return (
    <PageLayout width={560} actions={null}>
      <Box data-testid="left-view">
        <h1 ref={heading} tabIndex={-1} data-testid="screen-heading">
          {t('left.title')}
        </h1>
        <p>{t('left.text', { code })}</p>
        <Actions>
          <Button type="button" onClick={onRejoin} data-testid="rejoin">
            {t('left.rejoin')}
          </Button>
          <Button type="button" $variant="secondary" onClick={onHome} data-testid="left-home">
            {t('left.home')}
          </Button>
        </Actions>
      </Box>
    </PageLayout>
  );
}

import styled from 'styled-components';
import { Card } from '../../ui/components/Card.js';

/** The camera preview beside its side card (pre-join and the waiting room); one column on narrow screens. */
export const PreviewColumns = styled.div`
  display: grid;
  grid-template-columns: minmax(0, 1.6fr) minmax(300px, 1fr);
  gap: ${({ theme }) => theme.space(8)};
  align-items: start;
  @media (max-width: 820px) {
    grid-template-columns: 1fr;
  }
`;

/** The card beside the preview: a title, a sentence, the controls. */
export const PreviewSide = styled(Card)`
  display: flex;
  flex-direction: column;
  gap: ${({ theme }) => theme.space(5)};
  h1 {
    margin: 0;
    font-size: ${({ theme }) => theme.font.size.xl};
    letter-spacing: -0.01em;
  }
  p {
    margin: ${({ theme }) => theme.space(1)} 0 0;
    color: ${({ theme }) => theme.color.textMuted};
    font-size: ${({ theme }) => theme.font.size.sm};
  }
`;

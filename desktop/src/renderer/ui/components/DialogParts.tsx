import styled from 'styled-components';

/** A dialog's title (name it with `aria-labelledby`). */
export const DialogTitle = styled.h2`
  margin: 0;
  font-size: ${({ theme }) => theme.font.size.lg};
`;

/** A dialog's explanation (point `aria-describedby` at it). */
export const DialogText = styled.p`
  margin: 0;
  color: ${({ theme }) => theme.color.textMuted};
  font-size: ${({ theme }) => theme.font.size.sm};
`;

/** A dialog's buttons, at its end: the safe answer first. */
export const DialogActions = styled.div`
  display: flex;
  flex-wrap: wrap;
  justify-content: flex-end;
  gap: ${({ theme }) => theme.space(2)};
`;

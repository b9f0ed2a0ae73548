import styled from 'styled-components';

/** A device notice's sentence with its button beside it (below it on a narrow window). */
export const NoticeRow = styled.span`
  display: flex;
  flex-wrap: wrap;
  align-items: center;
  gap: ${({ theme }) => theme.space(2)};
  span {
    flex: 1 1 220px;
  }
`;

import styled from 'styled-components';

const Mark = styled.span`
  display: inline-flex;
  align-items: center;
  gap: ${({ theme }) => theme.space(2)};
  font-weight: ${({ theme }) => theme.font.weight.bold};
  font-size: ${({ theme }) => theme.font.size.lg};
  letter-spacing: -0.01em;
`;

const Logo = styled.span`
  display: inline-grid;
  place-items: center;
  width: 28px;
  height: 28px;
  border-radius: 8px;
  background: linear-gradient(135deg, ${({ theme }) => theme.color.accent}, #8b5cf6);
  color: #fff;
  font-size: 15px;
`;

/** The Wava wordmark. */
export function Brand() {
  return (
    <Mark>
      <Logo aria-hidden="true">W</Logo>
      Wava
    </Mark>
  );
}

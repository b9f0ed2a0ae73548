import styled from 'styled-components';

/** Positions a popover panel above its trigger. */
export const PopoverAnchor = styled.div`
  position: relative;
`;

/**
 * A raised panel that opens above the control bar button it belongs to. On narrow screens it is
 * centred on the screen above the control bar instead, so it never runs off an edge.
 */
export const PopoverPanel = styled.div`
  position: absolute;
  bottom: calc(100% + 12px);
  left: 50%;
  transform: translateX(-50%);
  width: min(320px, calc(100vw - 24px));
  max-height: calc(100vh - 120px);
  overflow-y: auto;
  display: flex;
  flex-direction: column;
  gap: ${({ theme }) => theme.space(4)};
  padding: ${({ theme }) => theme.space(5)};
  border-radius: ${({ theme }) => theme.radius.lg};
  background: ${({ theme }) => theme.color.surfaceRaised};
  border: 1px solid ${({ theme }) => theme.color.border};
  box-shadow: ${({ theme }) => theme.shadow.raised};
  color: ${({ theme }) => theme.color.text};
  z-index: 10;
  @media (max-width: 900px) {
    position: fixed;
    bottom: 92px;
    max-height: calc(100vh - 108px);
  }
`;

import styled from 'styled-components';

/** The round 48-pixel button of the meeting's control bar (menus and toggles); `$on` fills it with the accent. */
export const RoundButton = styled.button<{ $on?: boolean }>`
  position: relative;
  display: inline-grid;
  place-items: center;
  width: 48px;
  height: 48px;
  border-radius: 50%;
  border: 1px solid rgba(255, 255, 255, 0.16);
  background: ${({ theme, $on }) => ($on ? theme.color.accentFill : 'rgba(255, 255, 255, 0.1)')};
  color: #fff;
  cursor: pointer;
  &:hover {
    filter: brightness(1.15);
  }
`;

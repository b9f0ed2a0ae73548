import styled from 'styled-components';
import { RaisedPanel } from './RaisedPanel.js';

/** Positions a popover panel above its trigger. */
export const PopoverAnchor = styled.div`
  position: relative;
`;

/**
 * A raised panel that opens above the control bar button it belongs to. On narrow screens it is
 * centred on the screen above the control bar instead, so it never runs off an edge.
 */
export const PopoverPanel = styled(RaisedPanel)`
  position: absolute;
  bottom: calc(100% + 12px);
  left: 50%;
  transform: translateX(-50%);
  width: min(320px, calc(100vw - 24px));
  max-height: calc(100vh - 120px);
  overflow-y: auto;
  z-index: 10;
  @media (max-width: 900px) {
    position: fixed;
    bottom: 92px;
    max-height: calc(100vh - 108px);
  }
`;

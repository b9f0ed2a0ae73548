import styled from 'styled-components';
import { visuallyHidden } from './VisuallyHidden.js';

/** Below this width (phones) the meeting shows icon-only buttons and a "More" menu. */
export const NARROW = '(max-width: 600px)';

/** Shown on wider screens only; its children lay out as if the wrapper were not there. */
export const WideOnly = styled.div`
  display: contents;
  @media ${NARROW} {
    display: none;
  }
`;

/** Shown on narrow screens only. */
export const NarrowOnly = styled.div`
  display: none;
  @media ${NARROW} {
    display: contents;
  }
`;

/** A button's text: visible on wider screens, kept for screen readers only on narrow ones (icon-only button). */
export const WideText = styled.span`
  @media ${NARROW} {
    ${visuallyHidden}
  }
`;

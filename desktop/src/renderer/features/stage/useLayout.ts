import { useState } from 'react';
import { chooseLayout, type StageInput, type StageLayout } from './stageLayout.js';

/** `chooseLayout`, remembering who was large in speaker view from one render to the next. */
export function useLayout(input: Omit<StageInput, 'previousLarge'>): StageLayout {
  const [previous, setPrevious] = useState<string | null>(null);
  const layout = chooseLayout({ ...input, previousLarge: previous });
  const large = layout.kind === 'focus' && !layout.pinned ? layout.large : previous;
  // Adjusting state while rendering (React re-renders at once, before the screen shows it).
  if (large !== previous) setPrevious(large);
  return layout;
}

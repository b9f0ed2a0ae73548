import { render } from '@testing-library/react';
import type { ReactElement, ReactNode } from 'react';
import { ThemeProvider } from 'styled-components';
import { darkTheme } from '../../src/renderer/ui/theme/theme.js';

function Themed({ children }: { children: ReactNode }) {
  return <ThemeProvider theme={darkTheme}>{children}</ThemeProvider>;
}

/** Renders (and re-renders) a component inside the app's theme, as App does. */
export function renderWithTheme(ui: ReactElement) {
  return render(ui, { wrapper: Themed });
}

/**
 * The one theme: colours, spacing, radii, typography and motion. Light and dark share every key;
 * the meeting stage stays dark in both, as video reads best on a dark surround.
 */
export interface Theme {
  mode: 'light' | 'dark';
  color: {
    background: string;
    surface: string;
    surfaceRaised: string;
    surfaceHover: string;
    border: string;
    text: string;
    textMuted: string;
    /** Accent for text, borders and focus on the page background. */
    accent: string;
    /** Accent as a fill behind `onAccent` text (primary buttons): at least 4.5:1 with it. */
    accentFill: string;
    accentHover: string;
    onAccent: string;
    /** Danger for text and borders on the page background. */
    danger: string;
    /** Danger as a fill behind `onDanger` text (Leave, destructive buttons): at least 4.5:1 with it. */
    dangerFill: string;
    dangerHover: string;
    onDanger: string;
    warning: string;
    success: string;
    focus: string;
    errorBackground: string;
    stage: string;
    tile: string;
    tileBorder: string;
    /** The ring and mark of whoever speaks, on a tile (at least 3:1 against `tile` and `stage`). */
    speaking: string;
    onStage: string;
    onStageMuted: string;
    controlOff: string;
  };
  /** A spacing step is 4px: space(4) is 16px. */
  space: (steps: number) => string;
  radius: { sm: string; md: string; lg: string; pill: string };
  font: {
    family: string;
    mono: string;
    size: { xs: string; sm: string; md: string; lg: string; xl: string; xxl: string };
    weight: { regular: number; medium: number; bold: number };
  };
  shadow: { card: string; raised: string };
  motion: { fast: string; normal: string };
}

const space = (steps: number) => `${steps * 4}px`;

const shared = {
  space,
  radius: { sm: '6px', md: '10px', lg: '16px', pill: '999px' },
  font: {
    family:
      'Inter, -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", "Apple SD Gothic Neo", "Malgun Gothic", "Noto Sans KR", "Noto Sans CJK KR", sans-serif',
    mono: 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace',
    size: { xs: '12px', sm: '13px', md: '15px', lg: '18px', xl: '24px', xxl: '32px' },
    weight: { regular: 400, medium: 550, bold: 650 },
  },
  motion: { fast: '120ms ease-out', normal: '200ms ease-out' },
};

const stage = {
  stage: '#0b0d12',
  tile: '#161a22',
  tileBorder: '#232834',
  speaking: '#4ade80',
  onStage: '#eef0f4',
  onStageMuted: '#9aa3b2',
  controlOff: '#e5484d',
};

export const darkTheme: Theme = {
  mode: 'dark',
  color: {
    background: '#0f1115',
    surface: '#161920',
    surfaceRaised: '#1d2129',
    surfaceHover: '#252a34',
    border: '#2a303b',
    text: '#e9ecf1',
    textMuted: '#9aa3b2',
    accent: '#5b8cff',
    accentFill: '#3a67e8',
    accentHover: '#2f5de0',
    onAccent: '#ffffff',
    // Red text stays at 4.5:1 or more on every dark surface, raised and hovered ones included.
    danger: '#ff6b6f',
    dangerFill: '#d93036',
    dangerHover: '#c22a30',
    onDanger: '#ffffff',
    warning: '#f5a524',
    success: '#3fb950',
    focus: '#9db8ff',
    errorBackground: 'rgba(229, 72, 77, 0.12)',
    ...stage,
  },
  shadow: { card: '0 1px 2px rgba(0,0,0,0.4), 0 8px 24px rgba(0,0,0,0.25)', raised: '0 12px 32px rgba(0,0,0,0.45)' },
  ...shared,
};

export const lightTheme: Theme = {
  mode: 'light',
  color: {
    background: '#f4f5f8',
    surface: '#ffffff',
    surfaceRaised: '#ffffff',
    surfaceHover: '#eef0f4',
    border: '#dde1e8',
    text: '#161a22',
    textMuted: '#5b6474',
    accent: '#3a67e8',
    accentFill: '#3a67e8',
    accentHover: '#2f5de0',
    onAccent: '#ffffff',
    // Text on the error notices' tint (errorBackground over white) too: 4.9:1 there (#d93036 was 4.2:1, below AA).
    danger: '#c62a30',
    dangerFill: '#d93036',
    dangerHover: '#c22a30',
    onDanger: '#ffffff',
    warning: '#b46a00',
    success: '#1f8a3b',
    focus: '#3b6cf6',
    errorBackground: 'rgba(217, 48, 54, 0.08)',
    ...stage,
  },
  shadow: {
    card: '0 1px 2px rgba(16,24,40,0.06), 0 8px 24px rgba(16,24,40,0.08)',
    raised: '0 12px 32px rgba(16,24,40,0.16)',
  },
  ...shared,
};

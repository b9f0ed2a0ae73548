import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** axe-core on what the page shows now: no serious or critical WCAG 2 A/AA violation. */
export async function expectNoSeriousViolations(page: Page, screen: string): Promise<void> {
  // Colours measured mid-transition (a theme just switched, a button just enabled) are neither theme's. A change
  // the page reacts to (a media query event, a state update) renders and starts its transitions within a frame or
  // two: wait for two frames, then for the page's finite CSS transitions and animations to end.
  await page.evaluate(async () => {
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    await Promise.all(
      document
        .getAnimations()
        .filter((animation) => animation.effect?.getComputedTiming().endTime !== Infinity)
        .map((animation) => animation.finished.catch(() => undefined)),
    );
  });
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const serious = results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id}: ${violation.help} (${violation.nodes.map((n) => n.target.join(' ')).join(', ')}): ${
          violation.nodes[0]?.failureSummary ?? ''
        }`,
    );
  expect(serious, `${screen}: serious or critical accessibility violations`).toEqual([]);
}

/** Switches the page to the OS dark theme and waits until the page shows it (its body's `color-scheme`). */
export async function switchToDarkTheme(page: Page): Promise<void> {
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(page.locator('body')).toHaveCSS('color-scheme', 'dark');
}

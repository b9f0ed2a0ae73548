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

/** What one axe rule found, as far as `expectContrastPasses` reads it. */
interface RuleNodes {
  nodes: { target: unknown[] }[];
}

/**
 * axe-core's colour contrast check on one element's text, which must be measured (not left "incomplete", as over a
 * picture) and pass WCAG AA. Where an axe check already ran in the page (axe-core stays injected), it runs there at
 * once: quick enough for a state that lasts a few seconds.
 */
export async function expectContrastPasses(page: Page, selector: string, what: string): Promise<void> {
  const injected = await page.evaluate(() => 'axe' in window);
  const results: { passes: RuleNodes[]; violations: RuleNodes[]; incomplete: RuleNodes[] } = injected
    ? await page.evaluate(
        (include) =>
          (
            window as unknown as {
              axe: { run(context: unknown, options: unknown): Promise<{ passes: []; violations: []; incomplete: [] }> };
            }
          ).axe.run({ include: [include] }, { runOnly: ['color-contrast'] }),
        selector,
      )
    : await new AxeBuilder({ page }).include(selector).withRules(['color-contrast']).analyze();
  const nodes = (list: RuleNodes[]) => list.flatMap((rule) => rule.nodes.map((node) => node.target.join(' ')));
  expect(
    {
      passes: nodes(results.passes).length > 0,
      violations: nodes(results.violations),
      incomplete: nodes(results.incomplete),
    },
    `${what}: text contrast`,
  ).toEqual({ passes: true, violations: [], incomplete: [] });
}

/** Switches the page to the OS dark theme and waits until the page shows it (its body's `color-scheme`). */
export async function switchToDarkTheme(page: Page): Promise<void> {
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(page.locator('body')).toHaveCSS('color-scheme', 'dark');
}

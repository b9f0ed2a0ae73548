import { expect, type Locator, type Page } from '@playwright/test';

/** Every visible button, select and input on the page (the controls a person can reach). */
export function visibleControls(page: Page): Locator {
  return page.locator('button:visible, select:visible, input:visible');
}

/**
 * Each visible control lies wholly inside the viewport (none starts off-screen, runs past an edge or is clipped by a
 * scrolling ancestor). Measured in one pass in the page, as Playwright's `toBeInViewport` does (an
 * IntersectionObserver), and retried until the layout settles: a resize re-renders the page, and counting controls
 * one call and reading them the next raced that re-render.
 */
export async function expectAllInViewport(page: Page): Promise<void> {
  await expect
    .poll(
      () =>
        visibleControls(page).evaluateAll(async (controls) => {
          if (controls.length === 0) return ['(no visible control)'];
          const ratios = await Promise.all(
            controls.map(
              (control) =>
                new Promise<number>((resolve) => {
                  const observer = new IntersectionObserver(([entry]) => {
                    observer.disconnect();
                    resolve(entry?.intersectionRatio ?? 0);
                  });
                  observer.observe(control);
                }),
            ),
          );
          return controls
            .filter((_, i) => (ratios[i] ?? 0) < 0.99)
            .map((control) => control.getAttribute('aria-label') ?? control.textContent?.trim() ?? control.tagName);
        }),
      { message: 'controls not wholly inside the viewport' },
    )
    .toEqual([]);
}

/**
 * None of `covers` (banners that float over the page) lies over `covered` (something to read and press): their
 * bounding boxes do not intersect, measured while at least one of `covers` shows. Lists the boxes that overlap.
 */
export async function expectNotOverlapping(covers: Locator, covered: Locator): Promise<void> {
  const below = await covered.boundingBox();
  expect(below, 'what could be covered is shown').not.toBeNull();
  if (!below) return;
  const boxes = (await Promise.all((await covers.all()).map((cover) => cover.boundingBox()))).filter((r) => r !== null);
  expect(boxes.length, 'a banner is shown to measure').toBeGreaterThan(0);
  const overlapping = boxes.filter(
    (r) =>
      r.x < below.x + below.width &&
      below.x < r.x + r.width &&
      r.y < below.y + below.height &&
      below.y < r.y + r.height,
  );
  const describe = (r: { x: number; y: number; width: number; height: number }) =>
    `${Math.round(r.x)},${Math.round(r.y)} ${Math.round(r.width)}x${Math.round(r.height)}`;
  expect(overlapping.map(describe), `banners lying over ${describe(below)}`).toEqual([]);
}

import { expect, type Locator, type Page } from '@playwright/test';

/** Every visible button, select and input on the page (the controls a person can reach). */
export function visibleControls(page: Page): Locator {
  return page.locator('button:visible, select:visible, input:visible');
}

/** Each visible control lies wholly inside the viewport (none starts off-screen or runs past an edge). */
export async function expectAllInViewport(page: Page): Promise<void> {
  const controls = visibleControls(page);
  const count = await controls.count();
  expect(count).toBeGreaterThan(0);
  for (let i = 0; i < count; i += 1) {
    const control = controls.nth(i);
    const name = (await control.getAttribute('aria-label')) ?? (await control.innerText()).trim();
    await expect(control, `"${name}" is inside the viewport`).toBeInViewport({ ratio: 1 });
  }
}

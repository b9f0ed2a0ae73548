import { expect, test } from '@playwright/test';
import { launchChromium } from '../support/chromium.js';
import { installRtcProbe } from '../support/rtcProbe.js';

/** A Join button on a page whose main thread is busy with the press (its own mouseup work) before the click runs. */
const BUSY_PAGE = `<!doctype html><meta charset="utf-8"><title>Join</title>
<button data-testid="prejoin-join">Join</button>
<script>
  document.querySelector('button').addEventListener('mouseup', () => {
    window.busyFrom = performance.now();
    while (performance.now() < window.busyFrom + 100);
  });
</script>`;

// The join probe (e2e/support/rtcProbe.ts) times Join to the first remote frame for the tests and the benchmark
// against the bare page: its clock must start at the person's click, however busy the page is then.
test('the join probe starts its clock at the click itself, not when a busy page got round to it', async () => {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await installRtcProbe(page);
    await page.route('http://join-probe.test/', (route) =>
      route.fulfill({ contentType: 'text/html', body: BUSY_PAGE }),
    );
    await page.goto('http://join-probe.test/');
    await page.getByTestId('prejoin-join').click();
    const { clickedAt, busyFrom } = await page.evaluate(() => {
      const w = window as unknown as { __joinClickedAt?: number; busyFrom?: number };
      return { clickedAt: w.__joinClickedAt, busyFrom: w.busyFrom };
    });
    expect(busyFrom).toBeDefined();
    expect(clickedAt).toBeLessThanOrEqual(busyFrom ?? Number.NEGATIVE_INFINITY);
  } finally {
    await browser.close();
  }
});

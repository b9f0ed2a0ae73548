import { test } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { launchChromium } from '../support/chromium.js';
import { Participant } from '../support/participant.js';
import { connectionStats, joinToFirstFrameMs } from '../support/rtcProbe.js';
import { startServer } from '../support/serverProcess.js';
import { waitFor } from '../support/waitFor.js';

const RUNS = Number(process.env.WAVA_BENCH_CALLS ?? 5);

/** Benchmark (npm run bench): time from pressing Join to the first decoded remote frame, over several calls. */
test('join to first remote frame', async () => {
  test.setTimeout(RUNS * 60_000);
  const server = await startServer();
  const browser = await launchChromium();
  const samples: number[] = [];
  try {
    const host = await Participant.open(browser, server.url, 'Host');
    await host.register();
    for (let run = 0; run < RUNS; run++) {
      const guest = await Participant.open(browser, server.url, `Guest${run}`);
      await guest.register();
      await host.page.goto(server.url);
      const code = await host.createMeeting();
      await host.joinFromPreJoin();
      await guest.enterCode(code);
      await guest.joinFromPreJoin();
      await waitFor('first frame', async () =>
        (await connectionStats(guest.page)).some((s) => s.videoFramesDecoded > 0) ? true : undefined,
      );
      const ms = await waitFor(
        'the probe to record it',
        async () => (await joinToFirstFrameMs(guest.page)) ?? undefined,
      );
      samples.push(ms);
      await host.byTestId('leave').click();
      await guest.close();
    }
  } finally {
    await browser.close();
    await server.stop();
  }
  samples.sort((a, b) => a - b);
  const median = samples[Math.floor(samples.length / 2)] ?? NaN;
  writeFileSync('.tmp/bench-first-frame.json', JSON.stringify({ samples, median }));
  console.log(
    `[bench] join to first remote frame over ${samples.length} calls: median ${Math.round(median)} ms, samples ${samples.map(Math.round).join(', ')}`,
  );
});

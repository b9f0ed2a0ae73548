import { userMessage } from '@wava/protocol';
import { expect, test } from '../support/fixtures.js';
import { Participant } from '../support/participant.js';

test('a page whose meeting code the server no longer has (a new build) says to reload, not that the server is unreachable', async ({
  browser,
  server,
}) => {
  // The chunk with the call core and the meeting view, under the name the page's build gave it: gone since.
  let asked = 0;
  const host = await Participant.open(browser, server.url, 'Host', '/', {
    prepare: async (page) => {
      await page.route(/\/assets\/meetingParts-[^/]+\.js$/, (route) => {
        asked += 1;
        return route.fulfill({ status: 404, contentType: 'text/plain', body: 'Not Found' });
      });
    },
  });
  try {
    await host.register();
    await host.createMeeting();
    await expect(host.byTestId('prejoin-join')).toBeEnabled();
    await host.byTestId('prejoin-join').click();
    await expect(host.byTestId('home-error')).toHaveText(userMessage('RELOAD_NEEDED'));
    expect(asked).toBeGreaterThan(0);
  } finally {
    await host.close();
  }
});

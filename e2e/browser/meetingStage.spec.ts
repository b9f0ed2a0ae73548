import { expectNoSeriousViolations } from '../support/axe.js';
import { expect, test } from '../support/fixtures.js';
import type { Participant } from '../support/participant.js';

test('who is speaking: the unmuted speaker’s tile says so, a muted one never does', async ({ meet }) => {
  const { alice, bob } = await meet();
  // Bob mutes; Alice's fake microphone beeps twice a second, as steady as speech.
  await bob.byTestId('toggle-mic').click();
  await expect(alice.tile('Bob')).toHaveAttribute('data-audio', 'off');

  // Bob hears Alice speak (through the call), and Alice sees herself speaking (her own microphone).
  for (const person of [bob, alice]) {
    const tile = person.tile('Alice');
    await expect(tile).toHaveAttribute('data-speaking', 'true');
    await expect(tile.getByRole('img', { name: 'Speaking' })).toBeVisible();
    await expect(tile).toHaveAccessibleName(/, speaking$/);
    await expect(tile).toHaveAttribute('data-active-speaker', 'true');
  }
  // Muted Bob is never shown speaking, though his fake microphone beeps as well.
  for (let reading = 0; reading < 10; reading += 1) {
    await expect(alice.tile('Bob')).toHaveAttribute('data-speaking', 'false');
    await expect(bob.tile('Bob')).toHaveAttribute('data-speaking', 'false');
    await alice.page.waitForTimeout(200);
  }

  // Alice mutes: her tile stops saying she speaks, at once for her and as soon as Bob learns it.
  await alice.byTestId('toggle-mic').click();
  await expect(alice.tile('Alice')).toHaveAttribute('data-speaking', 'false');
  await expect(bob.tile('Alice')).toHaveAttribute('data-speaking', 'false');
});

test('layouts: gallery and speaker view from the control bar, pinning from a tile and the list, on a phone too', async ({
  meet,
}) => {
  const { alice, bob } = await meet();
  const stage = (person: Participant) => person.byTestId('stage');
  const large = (person: Participant) => person.byTestId('stage-large');
  await expect(stage(alice)).toHaveAttribute('data-layout', 'gallery');

  // Speaker view by keyboard: the other person large (Alice's own voice does not put herself there), herself in the strip.
  const layoutSwitch = alice.page.getByRole('button', { name: 'Speaker view' });
  await expect(layoutSwitch).toHaveAttribute('aria-pressed', 'false');
  await layoutSwitch.focus();
  await alice.page.keyboard.press('Enter');
  await expect(layoutSwitch).toHaveAttribute('aria-pressed', 'true');
  await expect(stage(alice)).toHaveAttribute('data-layout', 'focus');
  await expect(large(alice).getByTestId('tile')).toHaveAttribute('data-display-name', 'Bob');
  await expect(large(alice)).toHaveAccessibleName('Active speaker: Bob');
  await expect(stage(alice).getByTestId('tile')).toHaveCount(2);

  // Pin herself from her tile: she is large, Bob in the strip; unpinning goes back to speaker view.
  const pinSelf = alice.tile('Alice').getByRole('button', { name: 'Pin Alice (you)' });
  await pinSelf.click();
  await expect(large(alice).getByTestId('tile')).toHaveAttribute('data-display-name', 'Alice');
  await expect(large(alice)).toHaveAccessibleName('Pinned: Alice (you)');
  await expect(alice.tile('Alice').getByTestId('tile-pin')).toHaveAttribute('aria-pressed', 'true');
  await alice.tile('Alice').getByTestId('tile-pin').click();
  await expect(large(alice).getByTestId('tile')).toHaveAttribute('data-display-name', 'Bob');

  // Back to gallery; then pin Bob from the participants list: he is large until unpinned there.
  await layoutSwitch.click();
  await expect(stage(alice)).toHaveAttribute('data-layout', 'gallery');
  await alice.byTestId('toggle-participants').click();
  const bobRow = alice.byTestId('participant-row').filter({ hasText: 'Bob' });
  await bobRow.getByRole('button', { name: 'Pin Bob' }).click();
  await expect(stage(alice)).toHaveAttribute('data-layout', 'focus');
  await expect(large(alice).getByTestId('tile')).toHaveAttribute('data-display-name', 'Bob');
  await expect(large(alice)).toHaveAccessibleName('Pinned: Bob');
  await bobRow.getByRole('button', { name: 'Pin Bob' }).click();
  await expect(stage(alice)).toHaveAttribute('data-layout', 'gallery');

  // A shared screen takes the large area; the presenter still sees everyone in the strip.
  await alice.byTestId('toggle-share').click();
  for (const person of [alice, bob]) {
    await expect(stage(person)).toHaveAttribute('data-layout', 'screen');
    await expect(person.byTestId('screen-stage')).toBeVisible();
    await expect(stage(person).getByTestId('tile')).toHaveCount(2);
  }
  await alice.byTestId('toggle-share').click();
  await expect(stage(alice)).toHaveAttribute('data-layout', 'gallery');

  // On a phone, speaker view comes from the More menu: the speaker large, the strip below, all on screen.
  await bob.page.setViewportSize({ width: 390, height: 844 });
  await bob.byTestId('more-menu').click();
  await bob.byTestId('more-layout').click();
  await expect(stage(bob)).toHaveAttribute('data-layout', 'focus');
  await expect(large(bob).getByTestId('tile')).toHaveAttribute('data-display-name', 'Alice');
  await expect(large(bob)).toBeInViewport({ ratio: 1 });
  await expect(bob.tile('Bob')).toBeInViewport({ ratio: 1 });
  await bob.tile('Bob').getByTestId('tile-pin').click();
  await expect(large(bob).getByTestId('tile')).toHaveAttribute('data-display-name', 'Bob');
});

test('connection quality on a remote tile, explained on keyboard focus, and in the participants list', async ({
  meet,
}) => {
  const { alice } = await meet();
  // Measured from the call's statistics every two seconds; on loopback it is whatever the machine allows, so the
  // level is not asserted, only that it is shown and explained with what was measured.
  const indicator = alice.tile('Bob').getByTestId('tile-quality');
  await expect(indicator).toHaveAccessibleName(/^Connection: (good|fair|poor)$/);
  const tip = alice.tile('Bob').getByRole('tooltip');
  await expect(tip).toBeHidden();
  await indicator.focus();
  await expect(tip).toBeVisible();
  await expect(tip).toContainText(/round trip \d+ ms/);
  await expect(tip).toContainText(/% of packets lost/);
  await expect(indicator).toHaveAccessibleDescription(/round trip \d+ ms/);
  await expectNoSeriousViolations(alice.page, 'meeting with a connection quality explanation open');
  await alice.page.keyboard.press('Escape');
  await expect(tip).toBeHidden();
  // Our own tile has no quality of its own: it measures our calls with others.
  await expect(alice.tile('Alice').getByTestId('tile-quality')).toHaveCount(0);

  await alice.byTestId('toggle-participants').click();
  const bobRow = alice.byTestId('participant-row').filter({ hasText: 'Bob' });
  await expect(bobRow.getByRole('img', { name: /^Connection: (good|fair|poor)$/ })).toBeVisible();
});

test('notices: a banner (and the live region) when someone raises a hand or writes while the chat is closed; sounds can be turned off', async ({
  meet,
}) => {
  const { alice, bob } = await meet();
  const banners = alice.byTestId('notice-banner');

  await bob.byTestId('toggle-mic').click();
  await bob.byTestId('toggle-hand').click();
  await expect(banners.filter({ hasText: 'Bob raised their hand' })).toBeVisible();
  await expect(alice.byTestId('meeting-announcer')).toHaveText('Bob raised their hand.');
  // Bob's own hand: announced to him, no banner.
  await expect(bob.byTestId('meeting-announcer')).toHaveText('Bob raised their hand.');
  await expect(bob.byTestId('notice-banner')).toHaveCount(0);

  await bob.byTestId('toggle-chat').click();
  await bob.byTestId('chat-input').fill('one moment please');
  await bob.byTestId('chat-input').press('Enter');
  await expect(banners.filter({ hasText: 'Bob says: one moment please' })).toBeVisible();
  // Banners go by themselves.
  await expect(banners).toHaveCount(0, { timeout: 10_000 });

  // Sounds off in the settings; the choice stays after the menu closes (and is kept on this device).
  await alice.byTestId('device-settings').click();
  const sounds = alice.page.getByRole('checkbox', { name: /Play a sound when people join or leave/ });
  await expect(sounds).toBeChecked();
  await sounds.uncheck();
  await alice.byTestId('device-settings').click();
  await alice.byTestId('device-settings').click();
  await expect(sounds).not.toBeChecked();
  expect(await alice.page.evaluate(() => localStorage.getItem('wava.sounds'))).toBe('off');

  // System notifications in a browser need the person's permission: the settings ask for it, or, refused (as
  // headless Chromium does), say where to allow them.
  const permission = await alice.page.evaluate(() => Notification.permission);
  await expect(alice.byTestId(permission === 'denied' ? 'notifications-blocked' : 'allow-notifications')).toBeVisible();
});

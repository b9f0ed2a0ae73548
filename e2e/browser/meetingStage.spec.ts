import { expect, test } from '../support/fixtures.js';

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

import { expect, test } from '../support/fixtures.js';
import type { Participant } from '../support/participant.js';

/** Opens the chat (if closed), writes a message (privately to `to` when given) and sends it with Enter. */
async function say(person: Participant, text: string, to?: string) {
  if (!(await person.byTestId('chat-panel').isVisible())) await person.byTestId('toggle-chat').click();
  await expect(person.byTestId('chat-input')).toBeFocused();
  await person.byTestId('chat-recipient').selectOption(to ? { label: `${to} (privately)` } : { label: 'Everyone' });
  await person.byTestId('chat-input').fill(text);
  await person.byTestId('chat-input').press('Enter');
  await expect(person.byTestId('chat-input')).toHaveValue('');
}

const messages = (person: Participant) => person.byTestId('chat-message');

test('chat to everyone and privately, the unread badge, and the history a late joiner gets', async ({
  meet,
  people,
}) => {
  const { alice, bob, code } = await meet();

  // Alice writes to everyone; Bob's chat is closed: a badge counts it, and the live region reads it.
  await say(alice, 'Hello, agenda at https://example.com/agenda.');
  await expect(bob.byTestId('chat-unread')).toHaveText('1');
  await expect(bob.byTestId('toggle-chat')).toHaveAccessibleName('Chat, 1 unread message');
  await expect(bob.byTestId('meeting-announcer')).toHaveText(
    'Alice says: Hello, agenda at https://example.com/agenda.',
  );
  await say(alice, 'Old notes: http://wiki.example/notes');
  await expect(bob.byTestId('chat-unread')).toHaveText('2');
  await expect(bob.byTestId('toggle-chat')).toHaveAccessibleName('Chat, 2 unread messages');

  // Bob opens it: the badge goes, the message is there with its link (safe attributes), and he answers.
  await bob.byTestId('toggle-chat').click();
  await expect(bob.byTestId('chat-unread')).toHaveCount(0);
  await expect(messages(bob)).toHaveCount(2);
  const link = messages(bob).getByRole('link', { name: 'https://example.com/agenda' });
  await expect(link).toHaveAttribute('target', '_blank');
  await expect(link).toHaveAttribute('rel', 'noopener noreferrer');
  // http links are links too (the desktop app opens them in the browser, like https ones).
  const httpLink = messages(bob).getByRole('link', { name: 'http://wiki.example/notes' });
  await expect(httpLink).toHaveAttribute('href', 'http://wiki.example/notes');
  await expect(httpLink).toHaveAttribute('target', '_blank');
  await say(bob, 'Thanks <b>Alice</b>');
  await expect(messages(alice).last()).toContainText('Thanks <b>Alice</b>');
  await expect(messages(alice).last().locator('b')).toHaveCount(0);

  // A private message from Bob to Alice.
  await say(bob, 'just between us', 'Alice');
  await expect(messages(alice).last()).toContainText('Privately, to you');
  await expect(messages(alice).last()).toContainText('just between us');
  await expect(messages(bob).last()).toContainText('To Alice, privately');

  // A right-to-left override would make this link read "…/exe.jpg": refused with a sentence, the text kept.
  await bob.byTestId('chat-recipient').selectOption({ label: 'Everyone' });
  await bob.byTestId('chat-input').fill('see https://example.com/\u202Egpj.exe');
  await bob.byTestId('chat-input').press('Enter');
  await expect(bob.byTestId('chat-error')).toHaveText(
    'Messages cannot contain invisible or text-direction control characters.',
  );
  await expect(bob.byTestId('chat-input')).toHaveValue('see https://example.com/\u202Egpj.exe');
  await bob.byTestId('chat-input').fill('');
  await expect(messages(alice)).toHaveCount(4);

  // Escape closes the panel and gives focus back to the chat button.
  await bob.byTestId('chat-input').press('Escape');
  await expect(bob.byTestId('chat-panel')).toHaveCount(0);
  await expect(bob.byTestId('toggle-chat')).toBeFocused();

  // Carol joins late: she sees the messages to everyone, not the private one.
  const carol = await people.open('Carol');
  await carol.register();
  await carol.enterCode(code);
  await carol.joinFromPreJoin();
  await carol.byTestId('toggle-chat').click();
  await expect(messages(carol)).toHaveCount(3);
  await expect(messages(carol).first()).toContainText('Hello, agenda');
  await expect(messages(carol).last()).toContainText('Thanks <b>Alice</b>');
  await expect(carol.byTestId('chat-panel')).not.toContainText('just between us');

  // A private message from Alice to Carol is not seen by Bob.
  await say(alice, 'welcome, Carol', 'Carol');
  await expect(messages(carol).last()).toContainText('welcome, Carol');
  await bob.byTestId('toggle-chat').click();
  await expect(messages(bob)).toHaveCount(4);
  await expect(bob.byTestId('chat-panel')).not.toContainText('welcome, Carol');

  // A private message to someone who has left is refused with a sentence, never sent to everyone instead.
  await bob.byTestId('chat-recipient').selectOption({ label: 'Carol (privately)' });
  await carol.byTestId('leave').click();
  await expect(bob.tile('Carol')).toHaveCount(0);
  await expect(bob.byTestId('chat-recipient')).toHaveValue(/.+/);
  await bob.byTestId('chat-input').fill('are you still there?');
  await bob.byTestId('chat-input').press('Enter');
  await expect(bob.byTestId('chat-error')).toHaveText(
    'That person is no longer in the meeting, so the private message was not sent.',
  );
  await expect(bob.byTestId('chat-input')).toHaveValue('are you still there?');
  await say(alice, 'last one');
  await expect(messages(bob).last()).toContainText('last one');
  await expect(bob.byTestId('chat-messages')).not.toContainText('are you still there?');
  await expect(alice.byTestId('chat-messages')).not.toContainText('are you still there?');
});

test('hands up and down in order, reactions, and the participants list, as everyone sees them', async ({
  meet,
  people,
}) => {
  const { alice, bob, code } = await meet();
  const carol = await people.open('Carol');
  await carol.register();
  await carol.enterCode(code);
  await carol.joinFromPreJoin();
  await expect(alice.remoteTiles()).toHaveCount(2);

  // Microphones off, so nobody's hand goes down by itself because they speak.
  for (const person of [bob, carol]) await person.byTestId('toggle-mic').click();

  // Carol, then Bob raise their hands: everyone sees them on the tiles, in order.
  await carol.byTestId('toggle-hand').click();
  await expect(carol.byTestId('toggle-hand')).toHaveAttribute('aria-pressed', 'true');
  await bob.byTestId('toggle-hand').click();
  await expect(alice.tile('Carol').getByTestId('tile-hand')).toHaveText('1');
  await expect(alice.tile('Bob').getByTestId('tile-hand')).toHaveText('2');
  await expect(bob.tile('Carol').getByTestId('tile-hand')).toHaveText('1');
  await expect(alice.byTestId('meeting-announcer')).toHaveText('Bob raised their hand.');

  // The participants list: everyone, hands first in order, with the host and their microphones.
  await expect(alice.byTestId('participant-count')).toHaveText('3');
  await alice.byTestId('toggle-participants').click();
  const rows = alice.byTestId('participant-row');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0)).toContainText('Carol');
  await expect(rows.nth(1)).toContainText('Bob');
  await expect(rows.nth(2)).toContainText('Alice (you)');
  await expect(rows.nth(2)).toContainText('Host');
  await expect(rows.nth(1).getByRole('img', { name: 'Microphone off' })).toBeVisible();
  // A raised hand adds a quality mark, the hand and "Lower …'s hand" to a row: the name stays readable beside them.
  for (const [row, name] of [
    [0, 'Carol'],
    [1, 'Bob'],
  ] as const) {
    const shown = await rows.nth(row).getByText(name, { exact: true }).boundingBox();
    expect(shown?.width ?? 0, `${name}'s name in the host's list`).toBeGreaterThan(30);
  }
  await expect(rows.nth(2).getByRole('img', { name: 'Microphone on' })).toBeVisible();

  // The host lowers Carol's hand; Bob lowers his own.
  await rows.nth(0).getByTestId('participant-lower-hand').click();
  await expect(carol.byTestId('toggle-hand')).toHaveAttribute('aria-pressed', 'false');
  await expect(bob.tile('Carol').getByTestId('tile-hand')).toHaveCount(0);
  await expect(bob.tile('Bob').getByTestId('tile-hand')).toHaveText('1');
  await bob.byTestId('toggle-hand').click();
  await expect(alice.tile('Bob').getByTestId('tile-hand')).toHaveCount(0);
  await alice.page.keyboard.press('Escape');
  await expect(alice.byTestId('participants-panel')).toHaveCount(0);
  await expect(alice.byTestId('toggle-participants')).toBeFocused();

  // A reaction floats over the sender's tile for everyone.
  await bob.byTestId('toggle-reactions').click();
  await bob.page.getByRole('button', { name: 'React with 🎉' }).click();
  await expect(alice.tile('Bob').getByTestId('tile-reaction')).toHaveText('🎉');
  await expect(carol.tile('Bob').getByTestId('tile-reaction')).toHaveText('🎉');
  await expect(bob.tile('Bob').getByTestId('tile-reaction')).toHaveText('🎉');
  await expect(alice.tile('Bob').getByTestId('tile-reaction')).toHaveCount(0, { timeout: 8_000 });

  // Someone who leaves leaves the list.
  await carol.byTestId('leave').click();
  await alice.byTestId('toggle-participants').click();
  await expect(rows).toHaveCount(2);
  await expect(alice.byTestId('participant-count')).toHaveText('2');
});

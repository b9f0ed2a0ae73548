import { userMessage } from '@wava/protocol';
import type { Page } from '@playwright/test';
import { expectNoSeriousViolations, switchToDarkTheme } from '../support/axe.js';
import { expectAllInViewport, expectNotOverlapping } from '../support/controls.js';
import { expect, test } from '../support/fixtures.js';
import type { Participant } from '../support/participant.js';
import { connectionStats, liveDeviceTracks } from '../support/rtcProbe.js';
import { waitFor } from '../support/waitFor.js';

/** What this page's open calls send of audio, from their stats (as chrome://webrtc-internals counts them). */
interface AudioSent {
  /** Packets sent so far (outbound-rtp). */
  packets: number;
  /** The latest of those reports' own timestamps (ms). */
  at: number;
  /** Whether a sender carries a live, enabled microphone track (its sound is sent). */
  heard: boolean;
}

function audioSent(page: Page): Promise<AudioSent> {
  return page.evaluate(async () => {
    const sent = { packets: 0, at: 0, heard: false };
    for (const pc of (window as unknown as { __wavaPcs: RTCPeerConnection[] }).__wavaPcs ?? []) {
      if (pc.connectionState === 'closed') continue;
      for (const { track } of pc.getSenders()) {
        if (track?.kind === 'audio' && track.readyState === 'live' && track.enabled) sent.heard = true;
      }
      (await pc.getStats()).forEach(
        (report: { type: string; kind?: string; packetsSent?: number; timestamp: number }) => {
          if (report.type !== 'outbound-rtp' || report.kind !== 'audio') return;
          sent.packets += report.packetsSent ?? 0;
          sent.at = Math.max(sent.at, report.timestamp);
        },
      );
    }
    return sent;
  });
}

/**
 * Waits until no sender carries the microphone any more and the audio packets sent have stopped: the count the
 * same over a second of the stats' own clock (Opus sends 50 packets a second while heard). Returns that count.
 */
function audioStopped(page: Page): Promise<number> {
  let still: AudioSent | null = null;
  return waitFor('the microphone off and the audio packets sent to stop growing', async () => {
    const now = await audioSent(page);
    if (now.heard || still === null || now.packets !== still.packets) {
      still = now.heard ? null : now;
      return undefined;
    }
    return now.at - still.at >= 1_000 ? now.packets : undefined;
  });
}

function audioGrowsPast(page: Page, count: number): Promise<number> {
  return waitFor(`more than ${count} audio packets sent`, async () => {
    const { packets } = await audioSent(page);
    return packets > count ? packets : undefined;
  });
}

const PHONE = { width: 390, height: 844 };

/** The host's menu for one person in the participants list, opened. */
async function openMenuFor(host: Participant, name: string): Promise<void> {
  const row = host.page.locator(`[data-testid="participant-row"][data-display-name="${name}"]`);
  await row.getByTestId('person-menu').click();
  await expect(host.page.getByRole('menu')).toBeVisible();
}

async function joinByCode(person: Participant, code: string): Promise<void> {
  await person.register();
  await person.enterCode(code);
  await expect(person.byTestId('prejoin-join')).toBeEnabled();
  await person.byTestId('prejoin-join').click();
}

test('the host mutes, asks to unmute, locks and removes; each one happens for real on every screen', async ({
  meet,
  people,
}) => {
  const { alice, bob, code } = await meet();
  await expect(bob.tile('Alice')).toHaveAttribute('data-role', 'host');
  await audioGrowsPast(bob.page, 0);

  // Alice's menu for Bob, by keyboard: it opens, Escape closes it and focus goes back to its button.
  await alice.byTestId('toggle-participants').click();
  const bobMenu = alice.page
    .locator('[data-testid="participant-row"][data-display-name="Bob"]')
    .getByTestId('person-menu');
  await bobMenu.focus();
  await alice.page.keyboard.press('ArrowDown');
  await expect(alice.page.getByRole('menuitem', { name: 'Mute' })).toBeFocused();
  await alice.page.keyboard.press('Escape');
  await expect(alice.page.getByRole('menu')).toHaveCount(0);
  await expect(bobMenu).toBeFocused();
  await expect(alice.byTestId('participants-panel')).toBeVisible();

  // The host's menu and the meeting settings in the dark theme and at phone width: accessible, wholly on screen.
  await switchToDarkTheme(alice.page);
  await openMenuFor(alice, 'Bob');
  await expectNoSeriousViolations(alice.page, "the host's menu for a person (dark)");
  await alice.page.keyboard.press('Escape');
  await alice.byTestId('open-meeting-settings').click();
  await expectNoSeriousViolations(alice.page, 'meeting settings (dark)');
  await alice.page.keyboard.press('Escape');
  const desktopSize = alice.page.viewportSize();
  await alice.page.setViewportSize(PHONE);
  await openMenuFor(alice, 'Bob');
  await expect(alice.page.getByRole('menu')).toBeInViewport({ ratio: 1 });
  await expectAllInViewport(alice.page);
  await expectNoSeriousViolations(alice.page, "the host's menu for a person (dark, phone)");
  await alice.page.keyboard.press('Escape');
  await alice.byTestId('open-meeting-settings').click();
  const settings = alice.page.getByRole('dialog', { name: 'Meeting settings' });
  await expect(settings).toBeInViewport({ ratio: 1 });
  await expectAllInViewport(alice.page);
  await expectNoSeriousViolations(alice.page, 'meeting settings (dark, phone)');
  await alice.page.keyboard.press('Escape');
  await alice.page.emulateMedia({ colorScheme: 'light' });
  if (desktopSize) await alice.page.setViewportSize(desktopSize);

  // Mute: Bob is shown muted everywhere, is told who did it, and his microphone really stops sending.
  await openMenuFor(alice, 'Bob');
  await alice.page.getByRole('menuitem', { name: 'Mute' }).click();
  await expect(alice.tile('Bob')).toHaveAttribute('data-audio', 'off');
  await expect(bob.tile('Bob')).toHaveAttribute('data-audio', 'off');
  await expect(bob.byTestId('toggle-mic')).toHaveAttribute('aria-pressed', 'false');
  await expect(bob.byTestId('moderation-notice')).toContainText('Alice muted your microphone.');
  await expect(bob.byTestId('meeting-announcer')).toContainText('Alice muted your microphone.');
  const whileMuted = await audioStopped(bob.page);

  // Ask to unmute: Bob accepts with one click; he is heard again.
  const bobSize = bob.page.viewportSize();
  await bob.page.setViewportSize(PHONE);
  await openMenuFor(alice, 'Bob');
  await alice.page.getByRole('menuitem', { name: 'Ask to unmute' }).click();
  await expect(bob.byTestId('unmute-ask')).toContainText('Alice asks you to unmute your microphone.');
  // On his phone, news of the meeting (Alice's hand) floats beside the request, never over its text or buttons.
  await alice.byTestId('toggle-hand').click();
  const banner = bob.byTestId('notice-banner').filter({ hasText: 'Alice raised their hand' });
  await expect(banner).toBeVisible();
  await bob.page.screenshot({ path: test.info().outputPath('phone-banner-beside-notice.png') });
  await expectNotOverlapping(bob.byTestId('notice-banner'), bob.byTestId('unmute-ask'));
  if (bobSize) await bob.page.setViewportSize(bobSize);
  await bob.byTestId('unmute-ask-accept').click();
  await expect(bob.byTestId('unmute-ask')).toHaveCount(0);
  await expect(alice.tile('Bob')).toHaveAttribute('data-audio', 'on');
  await audioGrowsPast(bob.page, whileMuted);

  // The meeting settings dialog passes an accessibility check and closes with Escape, focus back on its button.
  await alice.byTestId('open-meeting-settings').click();
  await expect(alice.page.getByRole('dialog', { name: 'Meeting settings' })).toBeVisible();
  await expectNoSeriousViolations(alice.page, 'meeting settings');
  await alice.page.keyboard.press('Escape');
  await expect(alice.byTestId('meeting-settings')).toHaveCount(0);
  await expect(alice.byTestId('open-meeting-settings')).toBeFocused();

  // Lock: a newcomer is refused with the sentence.
  await alice.byTestId('lock-meeting').click();
  await expect(alice.byTestId('lock-meeting')).toHaveAttribute('aria-pressed', 'true');
  const carol = await people.open('Carol');
  await joinByCode(carol, code);
  await expect(carol.byTestId('home-error')).toHaveText(userMessage('MEETING_LOCKED'));
  await expect(alice.tile('Carol')).toHaveCount(0);

  // Remove, after confirming: Bob's media ends for everyone, he is told by whom, and cannot come back.
  await openMenuFor(alice, 'Bob');
  await alice.page.getByRole('menuitem', { name: 'Remove from meeting' }).click();
  await expect(alice.page.getByRole('alertdialog')).toContainText('Remove Bob?');
  await alice.byTestId('confirm-remove-confirm').click();
  await expect(bob.byTestId('home-error')).toHaveText(
    'Alice removed you from the meeting. You cannot rejoin unless a host allows you back.',
  );
  await expect(alice.tile('Bob')).toHaveCount(0);
  await waitFor('the calls between Alice and Bob to close', async () =>
    (await connectionStats(bob.page)).length === 0 && (await connectionStats(alice.page)).length === 0
      ? true
      : undefined,
  );
  expect(await liveDeviceTracks(bob.page)).toBe(0);
  await alice.byTestId('lock-meeting').click();
  await expect(alice.byTestId('lock-meeting')).toHaveAttribute('aria-pressed', 'false');
  await bob.page.reload();
  await expect(bob.byTestId('current-user')).toContainText('Bob');
  await bob.enterCode(code);
  await bob.byTestId('prejoin-join').click();
  // Removed, he cannot walk back in: he waits in the waiting room (although the meeting has none) for a host.
  await expect(bob.byTestId('lobby-status')).toHaveAttribute('data-phase', 'waiting');
  await expect(alice.byTestId('lobby-knocker')).toHaveAttribute('data-display-name', 'Bob');
  await expect(alice.tile('Bob')).toHaveCount(0);
  // Let back in, he is in the meeting with one of each control (the meeting view rendered behind his pre-join and
  // waiting room is the one shown), and the two see each other again.
  await alice.page.getByRole('button', { name: 'Admit Bob' }).click();
  await expect(bob.byTestId('meeting-view')).toBeVisible();
  await expect(bob.byTestId('toggle-mic')).toHaveCount(1);
  await expect(bob.tile('Alice')).toHaveAttribute('data-connection', 'connected');
  await expect(alice.tile('Bob')).toHaveAttribute('data-connection', 'connected');
});

test('the host’s app dies: hosting passes to whoever has been in the meeting longest, and everyone sees it', async ({
  meet,
  people,
}) => {
  const { alice, bob, code } = await meet();
  const carol = await people.open('Carol');
  await joinByCode(carol, code);
  await expect(carol.tile('Alice')).toHaveAttribute('data-role', 'host');
  await expect(carol.tile('Bob')).toHaveAttribute('data-role', 'participant');
  await expect(bob.byTestId('end-meeting')).toHaveCount(0);

  await alice.close();

  await expect(bob.tile('Bob')).toHaveAttribute('data-role', 'host');
  await expect(carol.tile('Bob')).toHaveAttribute('data-role', 'host');
  await expect(bob.byTestId('host-passed')).toContainText('You are the host now.');
  await expect(carol.byTestId('host-passed')).toContainText('Bob is the host now.');
  await expect(carol.byTestId('meeting-announcer')).toContainText('Bob is the host now.');
  // The powers come with it: Bob may end the meeting and has the host's menu for Carol.
  await expect(bob.byTestId('end-meeting')).toBeVisible();
  await bob.byTestId('toggle-participants').click();
  await expect(
    bob.page.locator('[data-testid="participant-row"][data-display-name="Carol"]').getByTestId('person-menu'),
  ).toBeVisible();
  await expect(carol.byTestId('person-menu')).toHaveCount(0);
});

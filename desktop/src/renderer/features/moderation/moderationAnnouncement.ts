import { missingCaseError, roleIn } from '@wava/protocol';
import type { ModerationNoticeAction, ModerationState } from '../../call/moderationStore.js';
import { i18n } from '../../i18n/i18n.js';

/**
 * Something about the host's powers for the live region, kept as data (what, and the names read when it happened),
 * so its sentence is written at render, in the language of the moment.
 */
export type ModerationAnnouncement =
  /** A host did something to our media. */
  | { kind: 'acted'; action: ModerationNoticeAction; by: string }
  | { kind: 'asked-to-unmute'; by: string }
  /** Hosting passed on: to us (`self`), or to `name` ('' when nobody here knows their name). */
  | { kind: 'host-now'; self: boolean; name: string }
  | { kind: 'co-host-now' }
  | { kind: 'participant-now' }
  | { kind: 'locked'; locked: boolean }
  /** What our own powers did, once the server agreed. */
  | { kind: 'muted-everyone' }
  | { kind: 'settings-saved' }
  | { kind: 'allowed-back'; name: string }
  | { kind: 'unmute-ask-sent'; name: string };

/** What a host did to our media, in words. */
export function noticeSentence(action: ModerationNoticeAction, by: string): string {
  switch (action) {
    case 'muted':
      return i18n.t('moderation.mutedBy', { name: by });
    case 'video-stopped':
      return i18n.t('moderation.videoStoppedBy', { name: by });
    case 'screen-stopped':
      return i18n.t('moderation.screenStoppedBy', { name: by });
    default:
      throw missingCaseError(action);
  }
}

function hostNowSentence(self: boolean, name: string): string {
  return self
    ? i18n.t('moderation.youHostNow')
    : i18n.t('moderation.hostNow', { name: name || i18n.t('room.someone') });
}

/** Who hosts now, in words: ourselves, or by name (`nameOf` gives '' for someone unknown). */
export function hostSentence(hostUserId: string, selfUserId: string | null, nameOf: (userId: string) => string) {
  return hostNowSentence(hostUserId === selfUserId, nameOf(hostUserId));
}

/** The announcement as a sentence, in the current language: call it at render. */
export function moderationSentence(announcement: ModerationAnnouncement): string {
  switch (announcement.kind) {
    case 'acted':
      return noticeSentence(announcement.action, announcement.by);
    case 'asked-to-unmute':
      return i18n.t('moderation.askedToUnmute', { name: announcement.by });
    case 'host-now':
      return hostNowSentence(announcement.self, announcement.name);
    case 'co-host-now':
      return i18n.t('moderation.youCoHost');
    case 'participant-now':
      return i18n.t('moderation.youParticipant');
    case 'locked':
      return announcement.locked ? i18n.t('moderation.lockedNow') : i18n.t('moderation.unlockedNow');
    case 'muted-everyone':
      return i18n.t('moderation.mutedEveryone');
    case 'settings-saved':
      return i18n.t('moderation.saved');
    case 'allowed-back':
      return i18n.t('moderation.allowedBack', { name: announcement.name });
    case 'unmute-ask-sent':
      return i18n.t('moderation.askSent', { name: announcement.name });
    default:
      throw missingCaseError(announcement);
  }
}

/**
 * What changed in the host's powers between two states, for the live region: what a host did to us, an ask to
 * unmute, hosting passing on, our own role changing, the meeting locked or unlocked. The state we find on arrival
 * (`before` without controls) is shown, not announced. Names are read now, at the time of the change (`nameOf`
 * gives '' for someone unknown).
 */
export function moderationAnnouncements(
  before: ModerationState,
  after: ModerationState,
  selfUserId: string | null,
  nameOf: (userId: string) => string,
): ModerationAnnouncement[] {
  const said: ModerationAnnouncement[] = [];
  if (after.notice && after.notice.id !== before.notice?.id)
    said.push({ kind: 'acted', action: after.notice.action, by: after.notice.by.displayName });
  if (after.unmuteAsk && after.unmuteAsk.id !== before.unmuteAsk?.id)
    said.push({ kind: 'asked-to-unmute', by: after.unmuteAsk.by.displayName });
  if (after.hostPassed && after.hostPassed.id !== before.hostPassed?.id) {
    const host = after.hostPassed.userId;
    said.push({ kind: 'host-now', self: host === selfUserId, name: nameOf(host) });
  }
  const was = before.controls;
  const now = after.controls;
  if (was && now && selfUserId !== null) {
    const role = { was: roleIn(was, selfUserId), now: roleIn(now, selfUserId) };
    if (role.was !== role.now && role.now === 'co-host') said.push({ kind: 'co-host-now' });
    if (role.was === 'co-host' && role.now === 'participant') said.push({ kind: 'participant-now' });
    if (was.locked !== now.locked) said.push({ kind: 'locked', locked: now.locked });
  }
  return said;
}

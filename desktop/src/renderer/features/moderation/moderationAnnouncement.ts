import { missingCaseError, roleIn } from '@wava/protocol';
import type { ModerationNoticeAction, ModerationState } from '../../call/moderationStore.js';
import { i18n } from '../../i18n/i18n.js';

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

/** Who hosts now, in words: ourselves, or by name. */
export function hostSentence(hostUserId: string, selfUserId: string | null, nameOf: (userId: string) => string) {
  return hostUserId === selfUserId
    ? i18n.t('moderation.youHostNow')
    : i18n.t('moderation.hostNow', { name: nameOf(hostUserId) });
}

/**
 * What changed in the host's powers between two states, in words for the live region: what a host did to us, an
 * ask to unmute, hosting passing on, our own role changing, the meeting locked or unlocked. The state we find on
 * arrival (`before` without controls) is shown, not announced.
 */
export function moderationAnnouncement(
  before: ModerationState,
  after: ModerationState,
  selfUserId: string | null,
  nameOf: (userId: string) => string,
): string | null {
  const sentences: string[] = [];
  if (after.notice && after.notice.id !== before.notice?.id)
    sentences.push(noticeSentence(after.notice.action, after.notice.by.displayName));
  if (after.unmuteAsk && after.unmuteAsk.id !== before.unmuteAsk?.id)
    sentences.push(i18n.t('moderation.askedToUnmute', { name: after.unmuteAsk.by.displayName }));
  if (after.hostPassed && after.hostPassed.id !== before.hostPassed?.id)
    sentences.push(hostSentence(after.hostPassed.userId, selfUserId, nameOf));
  const was = before.controls;
  const now = after.controls;
  if (was && now && selfUserId !== null) {
    const role = { was: roleIn(was, selfUserId), now: roleIn(now, selfUserId) };
    if (role.was !== role.now && role.now === 'co-host') sentences.push(i18n.t('moderation.youCoHost'));
    if (role.was === 'co-host' && role.now === 'participant') sentences.push(i18n.t('moderation.youParticipant'));
    if (was.locked !== now.locked)
      sentences.push(now.locked ? i18n.t('moderation.lockedNow') : i18n.t('moderation.unlockedNow'));
  }
  return sentences.length > 0 ? sentences.join(' ') : null;
}

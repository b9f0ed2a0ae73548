import type { Moderator } from '@wava/protocol';
import { i18n } from '../i18n/i18n.js';

/** Why the meeting ended for a person a host removed: who did it, and that they cannot come back unless allowed. */
export function removedSentence(by: Moderator): string {
  return i18n.t('moderation.removedBy', { name: by.displayName });
}

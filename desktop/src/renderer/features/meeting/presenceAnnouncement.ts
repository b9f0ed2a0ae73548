import { i18n } from '../../i18n/i18n.js';

export interface Person {
  peerId: string;
  displayName: string;
}

/** The sentence for a screen reader when people joined or left between two participant lists; null if no one did. */
export function presenceAnnouncement(before: readonly Person[], after: readonly Person[]): string | null {
  const had = new Set(before.map((person) => person.peerId));
  const has = new Set(after.map((person) => person.peerId));
  const joined = after
    .filter((person) => !had.has(person.peerId))
    .map((p) => i18n.t('meeting.joined', { name: p.displayName }));
  const left = before
    .filter((person) => !has.has(person.peerId))
    .map((p) => i18n.t('meeting.left', { name: p.displayName }));
  const sentences = [...joined, ...left];
  return sentences.length > 0 ? `${sentences.join('. ')}.` : null;
}

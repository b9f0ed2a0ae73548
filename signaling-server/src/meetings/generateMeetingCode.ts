import { randomInt } from 'node:crypto';

/** Lower-case letters without look-alikes (no i, l, o). */
export const MEETING_CODE_ALPHABET = 'abcdefghjkmnpqrstuvwxyz';

/** A code like `abc-defg-hij`, matching the protocol's LIMITS.meetingCodePattern. */
export function generateMeetingCode(): string {
  const letter = () => MEETING_CODE_ALPHABET[randomInt(MEETING_CODE_ALPHABET.length)]!;
  const group = (length: number) => Array.from({ length }, letter).join('');
  return `${group(3)}-${group(4)}-${group(3)}`;
}

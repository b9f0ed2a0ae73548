const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const plural = (count: number, unit: string) => `${count} ${unit}${count === 1 ? '' : 's'}`;

/**
 * How long someone must wait, for a sentence: "30 seconds", "11 minutes", "1 hour and 5 minutes", "2 days".
 * Rounded up, so people are never told to come back too early. Both clients use it for `retryAfterSeconds`.
 */
export function formatWait(seconds: number): string {
  const total = Math.max(1, Math.ceil(Number.isFinite(seconds) ? seconds : 1));
  if (total < MINUTE) return plural(total, 'second');
  if (total < HOUR) return plural(Math.ceil(total / MINUTE), 'minute');
  if (total < DAY) {
    const minutes = Math.ceil(total / MINUTE);
    const hours = Math.floor(minutes / 60);
    const rest = minutes % 60;
    return rest === 0 ? plural(hours, 'hour') : `${plural(hours, 'hour')} and ${plural(rest, 'minute')}`;
  }
  return plural(Math.ceil(total / DAY), 'day');
}

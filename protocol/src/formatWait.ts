const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * A waiting time in the units a sentence names it by: seconds under a minute, minutes under an hour, hours and
 * minutes under a day, then days. Rounded up, so people are never told to come back too early. Every language's
 * sentence is built from these parts (the English one below; the renderer's catalogs for the others).
 */
export type WaitParts =
  | { unit: 'second' | 'minute' | 'day'; count: number }
  | { unit: 'hour'; count: number; minutes: number };

export function waitParts(seconds: number): WaitParts {
  const total = Math.max(1, Math.ceil(Number.isFinite(seconds) ? seconds : 1));
  if (total < MINUTE) return { unit: 'second', count: total };
  if (total < HOUR) return { unit: 'minute', count: Math.ceil(total / MINUTE) };
  if (total < DAY) {
    const minutes = Math.ceil(total / MINUTE);
    return { unit: 'hour', count: Math.floor(minutes / 60), minutes: minutes % 60 };
  }
  return { unit: 'day', count: Math.ceil(total / DAY) };
}

const plural = (count: number, unit: string) => `${count} ${unit}${count === 1 ? '' : 's'}`;

/**
 * How long someone must wait, for an English sentence: "30 seconds", "11 minutes", "1 hour and 5 minutes",
 * "2 days". The server's messages use it; clients translate `waitParts` instead.
 */
export function formatWait(seconds: number): string {
  const parts = waitParts(seconds);
  if (parts.unit === 'hour' && parts.minutes > 0) {
    return `${plural(parts.count, 'hour')} and ${plural(parts.minutes, 'minute')}`;
  }
  return plural(parts.count, parts.unit);
}

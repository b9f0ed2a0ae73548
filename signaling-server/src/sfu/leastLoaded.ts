/** The candidate with the smallest load among those `usable`, the first of equals; null when none is usable. */
export function leastLoaded<T>(
  candidates: readonly T[],
  usable: (candidate: T) => boolean,
  load: (candidate: T) => number,
): T | null {
  let best: { candidate: T; load: number } | null = null;
  for (const candidate of candidates) {
    if (!usable(candidate)) continue;
    const value = load(candidate);
    if (!best || value < best.load) best = { candidate, load: value };
  }
  return best?.candidate ?? null;
}

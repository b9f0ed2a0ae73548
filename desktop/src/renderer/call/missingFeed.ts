/** Janus's VideoRoom refusing a subscription for a feed it does not have: `Janus error 428: No such feed (<id>)`. */
const NO_SUCH_FEED = /^Janus error 428: No such feed \(([^)]+)\)/;

/** The publisher id of a subscription refused because Janus no longer has that feed; null for any other failure. */
export function missingFeed(error: unknown): string | null {
  return error instanceof Error ? (NO_SUCH_FEED.exec(error.message)?.[1] ?? null) : null;
}

/**
 * The format of the stored sign-in, kept beside it (`format` in its JSON), so that two versions of the app open at
 * once (tabs not reloaded after a deploy) do not undo each other. A version raises it only when older versions
 * could not use the value. A tab removes a stored value it cannot read only when the value is of its own format or
 * older (damaged, or left by an older version); one of a higher format is a newer version's, which this tab leaves
 * alone. Values stored before the format was kept have none, and are read as this format.
 */
export const SESSION_FORMAT = 1;

/** The text stored for a session: its JSON, with this version's format. */
export function sessionText(session: object): string {
  return JSON.stringify({ format: SESSION_FORMAT, ...session });
}

/** Whether a stored value is of a higher format than this version's: a newer version wrote it. */
export function fromNewerVersion(stored: unknown): boolean {
  let value: unknown = stored;
  if (typeof stored === 'string') {
    try {
      value = JSON.parse(stored);
    } catch {
      return false;
    }
  }
  const format = typeof value === 'object' && value !== null ? (value as { format?: unknown }).format : undefined;
  return typeof format === 'number' && format > SESSION_FORMAT;
}

/** Runs an INSERT; false when a UNIQUE or PRIMARY KEY constraint refused it (the name or code is taken). */
export function insertUnlessTaken(insert: { run(...values: unknown[]): unknown }, ...values: unknown[]): boolean {
  try {
    insert.run(...values);
    return true;
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') return false;
    throw error;
  }
}

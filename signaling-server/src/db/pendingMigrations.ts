import type { Migration } from './migrations.js';

/**
 * The migrations a database still needs, oldest first, given the versions it has applied. Throws when the
 * database was migrated by a newer server: running an older one against it could damage it.
 */
export function pendingMigrations(migrations: readonly Migration[], applied: ReadonlySet<number>): Migration[] {
  const newest = Math.max(0, ...migrations.map((m) => m.version));
  const unknown = [...applied].filter((version) => version > newest);
  if (unknown.length > 0) {
    throw new Error(
      `The database has schema version ${Math.max(...unknown)}, newer than this server knows (${newest}). Run a newer server.`,
    );
  }
  return [...migrations].sort((a, b) => a.version - b.version).filter((m) => !applied.has(m.version));
}

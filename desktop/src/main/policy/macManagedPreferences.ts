import type { CommandRunner, PolicyRead, PolicySource } from './PolicySource.js';

export const MAC_MANAGED_PREFERENCES = '/Library/Managed Preferences/com.wava.desktop.plist';

/**
 * Policy pushed by an MDM profile (payload domain `com.wava.desktop`). Managed plists are usually binary, so
 * `plutil` (part of every macOS) converts them to JSON; a missing file is the normal, unmanaged case.
 */
export function macManagedPreferences(
  runner: CommandRunner,
  exists: (path: string) => Promise<boolean>,
  path = MAC_MANAGED_PREFERENCES,
): PolicySource {
  return {
    name: path,
    async read(): Promise<PolicyRead> {
      if (!(await exists(path))) return { kind: 'absent' };
      let result: { exitCode: number; stdout: string };
      try {
        result = await runner.run('/usr/bin/plutil', ['-convert', 'json', '-o', '-', path]);
      } catch (error) {
        return { kind: 'unreadable', problem: `${path} could not be converted (${String(error)})` };
      }
      if (result.exitCode !== 0) return { kind: 'unreadable', problem: `${path} is not a valid property list` };
      try {
        const json: unknown = JSON.parse(result.stdout);
        if (typeof json === 'object' && json !== null && !Array.isArray(json)) {
          return { kind: 'found', values: json as Record<string, unknown> };
        }
      } catch {
        // fall through
      }
      return { kind: 'unreadable', problem: `${path} does not hold a dictionary` };
    },
  };
}

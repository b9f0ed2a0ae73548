import { BOOLEAN_POLICY_KEYS, type PolicyKey } from './policySchema.js';
import type { CommandRunner, PolicyRead, PolicySource } from './PolicySource.js';

export const WINDOWS_POLICY_KEY = 'HKLM\\SOFTWARE\\Policies\\Wava';

/**
 * Parses `reg query <key>` output: lines of `    name    REG_TYPE    value`. REG_DWORD values become numbers;
 * for the boolean policy keys 0 and 1 become false and true (that is how Group Policy stores them).
 */
export function parseRegQueryOutput(stdout: string): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const line of stdout.split(/\r?\n/)) {
    const match = /^ {4}(.+?) {4}(REG_[A-Z_0-9]+)(?: {4}(.*))?$/.exec(line);
    if (!match) continue;
    const [, name = '', type = '', raw = ''] = match;
    if (type === 'REG_DWORD' || type === 'REG_QWORD') {
      const number = Number.parseInt(raw.trim(), 16);
      if (Number.isNaN(number)) continue;
      values[name] =
        BOOLEAN_POLICY_KEYS.has(name as PolicyKey) && (number === 0 || number === 1) ? number === 1 : number;
    } else if (type === 'REG_SZ' || type === 'REG_EXPAND_SZ') {
      values[name] = raw;
    } else {
      values[name] = { unsupportedType: type };
    }
  }
  return values;
}

/** Policy from the registry key Group Policy and Intune write to. Read with `reg.exe`, no native module. */
export function windowsRegistryPolicy(runner: CommandRunner, key = WINDOWS_POLICY_KEY): PolicySource {
  return {
    name: key,
    async read(): Promise<PolicyRead> {
      let result: { exitCode: number; stdout: string };
      try {
        result = await runner.run('reg.exe', ['query', key]);
      } catch (error) {
        return { kind: 'unreadable', problem: `${key} could not be queried (${String(error)})` };
      }
      // reg.exe exits with 1 when the key does not exist: the normal case on unmanaged computers.
      if (result.exitCode !== 0) return { kind: 'absent' };
      const values = parseRegQueryOutput(result.stdout);
      return Object.keys(values).length === 0 ? { kind: 'absent' } : { kind: 'found', values };
    },
  };
}

import { win32 } from 'node:path';
import { BOOLEAN_POLICY_KEYS, type PolicyKey } from './policySchema.js';
import type { CommandRunner, PolicyRead, PolicySource } from './PolicySource.js';

export const WINDOWS_POLICY_KEY = 'HKLM\\SOFTWARE\\Policies\\Wava';

const FALLBACK_SYSTEM_ROOT = 'C:\\Windows';

/**
 * The absolute path of reg.exe: `%SystemRoot%\System32\reg.exe`. Never a bare `reg.exe`, which Windows looks up in
 * the current directory first (a `reg.exe` planted next to a downloaded file would answer with any policy).
 * SystemRoot is used only when it is a plain local absolute path (`X:\...`, no `..`, not a network share);
 * otherwise `C:\Windows`.
 */
export function regExePath(env: Readonly<Record<string, string | undefined>>): string {
  const root = env.SystemRoot ?? env.SYSTEMROOT;
  const usable =
    root !== undefined &&
    /^[A-Za-z]:\\[^/:*?"<>|\0]*$/.test(root) &&
    !root.split('\\').some((segment) => segment === '..' || segment === '.');
  return win32.join(usable ? root : FALLBACK_SYSTEM_ROOT, 'System32', 'reg.exe');
}

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

/**
 * Policy from the registry key Group Policy and Intune write to. Read with reg.exe (no native module), run from
 * the absolute path `regExe` (see regExePath).
 */
export function windowsRegistryPolicy(runner: CommandRunner, regExe: string, key = WINDOWS_POLICY_KEY): PolicySource {
  return {
    name: key,
    async read(): Promise<PolicyRead> {
      let result: { exitCode: number; stdout: string };
      try {
        result = await runner.run(regExe, ['query', key]);
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

import { join } from 'node:path';
import { jsonPolicyFile } from './jsonPolicyFile.js';
import { macManagedPreferences } from './macManagedPreferences.js';
import type { CommandRunner, PolicySource } from './PolicySource.js';
import { regExePath, windowsRegistryPolicy } from './windowsRegistryPolicy.js';

/** The documented system-wide policy file of each OS (see desktop/README.md, "For IT"). */
export function policyFilePath(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string {
  switch (platform) {
    case 'win32':
      return join(env.ProgramData ?? env.ALLUSERSPROFILE ?? 'C:\\ProgramData', 'Wava', 'policy.json');
    case 'darwin':
      return '/Library/Application Support/Wava/policy.json';
    default:
      return '/etc/wava/policy.json';
  }
}

/**
 * Where policy is read from, lowest precedence first: the JSON file, then the OS's own management channel
 * (Group Policy registry key on Windows, MDM managed preferences on macOS), which wins key by key.
 * Nothing a user controls (environment, home folder) can point Wava at another policy.
 */
export function policySources(
  platform: NodeJS.Platform,
  env: NodeJS.ProcessEnv,
  runner: CommandRunner,
  exists: (path: string) => Promise<boolean>,
): PolicySource[] {
  const file = jsonPolicyFile(policyFilePath(platform, env));
  if (platform === 'win32') return [file, windowsRegistryPolicy(runner, regExePath(env))];
  if (platform === 'darwin') return [file, macManagedPreferences(runner, exists)];
  return [file];
}

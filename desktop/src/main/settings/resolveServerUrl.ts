import type { ServerUrlSource } from '../../shared/ipcSchemas.js';
import type { Policy } from '../policy/policySchema.js';
import { normaliseServerUrl } from '../urls/serverUrl.js';

export interface ServerUrlResolution {
  url: string;
  source: ServerUrlSource;
  /** True when IT policy fixes it: policy gave the address, or `lockServerUrl` is set. */
  locked: boolean;
  /** Sentences for the log: values that were present but not usable, and skipped. */
  problems: string[];
}

export interface ServerUrlInputs {
  policy: Policy;
  argv: readonly string[];
  env: Readonly<Record<string, string | undefined>>;
  /** What the person chose earlier, as stored on disk (validated here). */
  userSetting: unknown;
  defaultUrl: string;
}

export const SERVER_URL_FLAG = '--server-url=';
export const SERVER_URL_ENV = 'WAVA_SERVER_URL';

/**
 * Which server Wava talks to: IT policy, then `--server-url=`, then WAVA_SERVER_URL, then the person's own
 * setting, then the default. An unusable value at any level is reported and the next level is used.
 * Policy beats the person's choice: an address from policy is always locked. `lockServerUrl` without a policy
 * serverUrl also locks (whatever the command line, environment or default gives); the person's own setting is
 * then not consulted.
 */
export function resolveServerUrl(inputs: ServerUrlInputs): ServerUrlResolution {
  const problems: string[] = [];
  const locked = inputs.policy.lockServerUrl === true;
  if (inputs.policy.serverUrl) return { url: inputs.policy.serverUrl, source: 'policy', locked: true, problems };

  const flag = [...inputs.argv].reverse().find((arg) => arg.startsWith(SERVER_URL_FLAG));
  if (flag !== undefined) {
    const url = normaliseServerUrl(flag.slice(SERVER_URL_FLAG.length));
    if (url) return { url, source: 'command-line', locked, problems };
    problems.push(`${SERVER_URL_FLAG} is not a usable server address (https, or http on this computer); it is ignored`);
  }

  const fromEnv = inputs.env[SERVER_URL_ENV];
  if (fromEnv !== undefined && fromEnv !== '') {
    const url = normaliseServerUrl(fromEnv);
    if (url) return { url, source: 'environment', locked, problems };
    problems.push(`${SERVER_URL_ENV} is not a usable server address (https, or http on this computer); it is ignored`);
  }

  if (!locked && inputs.userSetting !== undefined && inputs.userSetting !== null) {
    const url = typeof inputs.userSetting === 'string' ? normaliseServerUrl(inputs.userSetting) : null;
    if (url) return { url, source: 'user', locked, problems };
    problems.push('the saved server address is not usable; it is ignored');
  }

  return { url: inputs.defaultUrl, source: 'default', locked, problems };
}

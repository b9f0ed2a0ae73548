import { z } from 'zod';
import { normaliseServerUrl } from '../urls/serverUrl.js';
import { externalHttpsUrl } from '../urls/externalHttpsUrl.js';

/**
 * The keys IT can set, from a JSON policy file, the Windows registry or macOS managed preferences.
 * Every key is optional; a key with a bad value is reported and ignored, the others still apply.
 */
export const policyKeySchemas = {
  /** The server everyone in the organisation uses. */
  serverUrl: z.string().transform((value, ctx) => {
    const url = normaliseServerUrl(value);
    if (!url)
      ctx.addIssue({
        code: 'custom',
        message: 'must be an https address without a path (http only for this computer)',
      });
    return url ?? '';
  }),
  /** With serverUrl: people cannot change the server. */
  lockServerUrl: z.boolean(),
  /** No update checks, downloads or installs (IT deploys versions itself). */
  disableUpdates: z.boolean(),
  /** Where to look for updates instead of the feed built into the installer (https only). */
  updateFeedUrl: z.string().refine((value) => externalHttpsUrl(value) !== null, 'must be an https address'),
  /** False: never keep a sign-in the OS cannot encrypt (Linux without a keyring), even if a person asks to. */
  allowInsecureTokenStorage: z.boolean(),
} as const;

export type PolicyKey = keyof typeof policyKeySchemas;
export type Policy = Readonly<{ [K in PolicyKey]?: z.output<(typeof policyKeySchemas)[K]> }>;
export const POLICY_KEYS = Object.keys(policyKeySchemas) as PolicyKey[];

/** Keys whose value is a boolean: the registry stores them as REG_DWORD 0/1. */
export const BOOLEAN_POLICY_KEYS: ReadonlySet<PolicyKey> = new Set([
  'lockServerUrl',
  'disableUpdates',
  'allowInsecureTokenStorage',
]);

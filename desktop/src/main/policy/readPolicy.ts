import { POLICY_KEYS, policyKeySchemas, type Policy, type PolicyKey } from './policySchema.js';
import type { PolicySource } from './PolicySource.js';

export interface PolicyReport {
  policy: Policy;
  /** Where each applied key came from. */
  origins: Partial<Record<PolicyKey, string>>;
  /** Sentences for the log: broken files, bad values, unknown keys. Never fatal. */
  problems: string[];
}

/**
 * Reads every source (lowest precedence first) and merges them key by key: a later source's valid value wins.
 * Nothing here throws: a broken source or value is reported and ignored, and Wava starts with what is valid.
 */
export async function readPolicy(sources: readonly PolicySource[]): Promise<PolicyReport> {
  const policy: Record<string, unknown> = {};
  const origins: Partial<Record<PolicyKey, string>> = {};
  const problems: string[] = [];
  for (const source of sources) {
    let read;
    try {
      read = await source.read();
    } catch (error) {
      problems.push(`${source.name} could not be read (${String(error)}); it is ignored`);
      continue;
    }
    if (read.kind === 'absent') continue;
    if (read.kind === 'unreadable') {
      problems.push(`${read.problem}; it is ignored`);
      continue;
    }
    for (const [key, value] of Object.entries(read.values)) {
      if (!isPolicyKey(key)) {
        if (!key.startsWith('Payload')) problems.push(`${source.name}: unknown key "${key}" is ignored`);
        continue;
      }
      const parsed = policyKeySchemas[key].safeParse(value);
      if (!parsed.success) {
        const why = parsed.error.issues[0]?.message ?? 'invalid value';
        problems.push(
          `${source.name}: "${key}" ${why.startsWith('must') ? why : `has an invalid value (${why})`}; it is ignored`,
        );
        continue;
      }
      policy[key] = parsed.data;
      origins[key] = source.name;
    }
  }
  return { policy: Object.freeze(policy) as Policy, origins, problems };
}

function isPolicyKey(key: string): key is PolicyKey {
  return (POLICY_KEYS as string[]).includes(key);
}

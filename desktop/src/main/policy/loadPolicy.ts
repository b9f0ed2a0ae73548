import { access } from 'node:fs/promises';
import type { Logger } from '../util/log.js';
import { execCommandRunner } from './execCommandRunner.js';
import { policySources } from './policySources.js';
import { readPolicy, type PolicyReport } from './readPolicy.js';

/** Reads this computer's policy and logs what applied and what was wrong. Never throws. */
export async function loadPolicy(log: Logger): Promise<PolicyReport> {
  const exists = (path: string) =>
    access(path).then(
      () => true,
      () => false,
    );
  const report = await readPolicy(policySources(process.platform, process.env, execCommandRunner, exists));
  for (const problem of report.problems) log.warn(`policy: ${problem}`);
  const applied = Object.entries(report.origins).map(([key, source]) => `${key} (${source})`);
  if (applied.length > 0) log.info(`policy applied: ${applied.join(', ')}`);
  return report;
}

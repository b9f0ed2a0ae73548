// Reads what scripts/test.sh produced and prints one closing line "N passed, N failed" (", N skipped" when any).
import { existsSync, readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
let skipped = 0;
const failures = [];
const fail = (what) => {
  failed++;
  failures.push(what);
};

for (const line of readFileSync('.tmp/checks.txt', 'utf8').split('\n').filter(Boolean)) {
  const [result, ...name] = line.split(' ');
  if (result === 'pass') passed++;
  else fail(`check: ${name.join(' ')}`);
}

if (existsSync('.tmp/vitest-report.json')) {
  const report = JSON.parse(readFileSync('.tmp/vitest-report.json', 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + report.numTodoTests;
  for (const file of report.testResults) {
    for (const test of file.assertionResults) if (test.status === 'failed') failures.push(`vitest: ${test.fullName}`);
    // A file can fail with no failed test: it did not load, or a beforeAll threw and its tests were skipped.
    if (file.status === 'failed' && !file.assertionResults.some((test) => test.status === 'failed')) {
      fail(`vitest file: ${file.name}${file.message ? ` (${file.message.split('\n')[0]})` : ''}`);
    }
  }
} else fail('vitest: produced no report');

if (existsSync('.tmp/e2e-report.json')) {
  const report = JSON.parse(readFileSync('.tmp/e2e-report.json', 'utf8'));
  passed += report.stats.expected + report.stats.flaky;
  failed += report.stats.unexpected;
  skipped += report.stats.skipped;
  const walk = (suite, path) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests) {
        const title = [...path, spec.title].join(' › ');
        if (test.status === 'unexpected') failures.push(`e2e: ${title}`);
        if (test.status === 'skipped') {
          const reason = test.annotations?.find((a) => a.type === 'skip')?.description ?? 'no reason given';
          console.log(`skipped e2e: ${title} — ${reason}`);
        }
      }
    }
    for (const child of suite.suites ?? []) walk(child, [...path, child.title]);
  };
  for (const suite of report.suites) walk(suite, [suite.title]);
  if ((report.errors ?? []).length > 0) fail('e2e: run errors (see above)');
} else fail('e2e: produced no report');

for (const failure of failures) console.log(`FAILED ${failure}`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);

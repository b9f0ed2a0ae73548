import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = resolve(__dirname, '../../../..');
const CLI = join(ROOT, 'node_modules/@doyensec/electronegativity/dist/index.js');
/** Makes the CLI's report writes happen in order (see the file). */
const SYNC_WRITES = join(__dirname, 'syncWriteFile.mjs');

export interface Finding {
  issue: string;
  severity: string;
  confidence: string;
  file: string;
  sample: string;
}

/**
 * Runs the real electronegativity CLI over `input` and returns its findings (from its CSV report).
 * The check that compares the Electron version with GitHub's release list is skipped: it needs the internet.
 */
export async function runElectronegativity(input: string): Promise<Finding[]> {
  const dir = mkdtempSync(join(tmpdir(), 'wava-electronegativity-'));
  const report = join(dir, 'report.csv');
  try {
    await new Promise<void>((done, fail) => {
      execFile(
        process.execPath,
        [
          '--import',
          pathToFileURL(SYNC_WRITES).href,
          CLI,
          '-i',
          input,
          '-r',
          '-v',
          'false',
          '-e',
          '45.4.1',
          '-x',
          'AvailableSecurityFixesGlobalCheck',
          '-o',
          report,
        ],
        { timeout: 180_000, maxBuffer: 16 * 1024 * 1024 },
        (error, _stdout, stderr) =>
          error ? fail(new Error(`electronegativity failed: ${error.message}\n${stderr}`)) : done(),
      );
    });
    const [, ...rows] = parseCsv(readFileSync(report, 'utf8'));
    return rows.map(([issue = '', severity = '', confidence = '', file = '', , sample = '']) => ({
      issue,
      severity,
      confidence,
      file,
      sample,
    }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** RFC 4180-style CSV: quoted fields, "" as an escaped quote, newlines inside quotes. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field.trim());
      field = '';
    } else if (char === '\n') {
      row.push(field.trim());
      if (row.some((cell) => cell !== '')) rows.push(row);
      row = [];
      field = '';
    } else field += char;
  }
  if (field.trim() || row.length) rows.push([...row, field.trim()]);
  return rows;
}

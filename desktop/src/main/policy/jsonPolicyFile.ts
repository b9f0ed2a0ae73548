import { readFile } from 'node:fs/promises';
import type { PolicyRead, PolicySource } from './PolicySource.js';

const MAX_BYTES = 64 * 1024;

/** A JSON policy file such as `/etc/wava/policy.json`. A missing file is normal; a broken one is reported. */
export function jsonPolicyFile(path: string): PolicySource {
  return {
    name: path,
    async read(): Promise<PolicyRead> {
      let text: string;
      try {
        const buffer = await readFile(path);
        if (buffer.byteLength > MAX_BYTES) return { kind: 'unreadable', problem: `${path} is larger than 64 KiB` };
        text = buffer.toString('utf8').replace(/^\uFEFF/, '');
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'absent' };
        return { kind: 'unreadable', problem: `${path} cannot be read (${code ?? String(error)})` };
      }
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (error) {
        return { kind: 'unreadable', problem: `${path} is not valid JSON (${(error as Error).message})` };
      }
      if (typeof json !== 'object' || json === null || Array.isArray(json)) {
        return { kind: 'unreadable', problem: `${path} must contain a JSON object` };
      }
      return { kind: 'found', values: json as Record<string, unknown> };
    },
  };
}

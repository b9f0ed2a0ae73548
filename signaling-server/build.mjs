// Bundles the server into dist/main.js (ESM, Node). npm dependencies stay external and are loaded from
// node_modules at run time; @wava/protocol is TypeScript source, so it is bundled in. What the server imports only
// when configured (the PostgreSQL and Redis adapters, with their drivers) goes to dist/chunks/, loaded on demand.
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageDir = dirname(fileURLToPath(import.meta.url));
const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
const external = Object.keys(manifest.dependencies ?? {})
  .filter((name) => name !== '@wava/protocol')
  .flatMap((name) => [name, `${name}/*`]);

// `node build.mjs --outfile=dist/other/main.js` builds elsewhere (the tests build a copy to run).
const outfileArg = process.argv.find((arg) => arg.startsWith('--outfile='));
const outfile = outfileArg ? join(packageDir, outfileArg.slice('--outfile='.length)) : join(packageDir, 'dist/main.js');
const outdir = dirname(outfile);
rmSync(join(outdir, 'chunks'), { recursive: true, force: true });

await build({
  entryPoints: { [basename(outfile, '.js')]: join(packageDir, 'src/main.ts') },
  outdir,
  chunkNames: 'chunks/[name]-[hash]',
  splitting: true,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  external,
  logLevel: outfileArg ? 'warning' : 'info',
});

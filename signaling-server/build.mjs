// Bundles the server into dist/main.js (ESM, Node). npm dependencies stay external and are loaded from
// node_modules at run time; @wava/protocol is TypeScript source, so it is bundled in. What the server imports only
// when configured (the PostgreSQL and Redis adapters, with their drivers) goes to dist/chunks/, loaded on demand.
import { build } from 'esbuild';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
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

const { metafile } = await build({
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
  metafile: true,
  absWorkingDir: packageDir,
});

// Once the build succeeded, the chunks an earlier build left and this one no longer writes go (a failed build
// leaves the earlier one whole).
const written = new Set(Object.keys(metafile.outputs).map((output) => resolve(packageDir, output)));
const chunksDir = join(outdir, 'chunks');
for (const name of existsSync(chunksDir) ? readdirSync(chunksDir) : []) {
  const file = join(chunksDir, name);
  if (!written.has(file)) rmSync(file);
}

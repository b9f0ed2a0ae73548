import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../../src/net/freePort.js';

const run = promisify(execFile);
const DEBIAN_BINARIES = '/usr/lib/postgresql';

export interface PostgresCluster {
  /** `postgres://postgres:…@127.0.0.1:PORT/postgres`: the superuser, for creating the tests' databases. */
  adminUrl: string;
  /** Stops the server and deletes its directory. */
  stop(): Promise<void>;
}

/**
 * A throwaway PostgreSQL cluster: initdb in a temporary directory, on a free loopback port, password
 * authentication over TCP, durability off (fast; its data is thrown away). As root (CI, this machine) it runs as
 * the `postgres` OS user, since PostgreSQL refuses to run as root. Missing binaries are an error, never a skip:
 * `apt-get install -y postgresql` (scripts/test.sh does it).
 */
export async function startPostgresCluster(): Promise<PostgresCluster> {
  const bin = findBinaries();
  const dir = mkdtempSync(join(tmpdir(), 'wava-pg-'));
  const asPostgres = process.getuid?.() === 0;
  const exec = (file: string, args: string[]) =>
    asPostgres ? run('runuser', ['-u', 'postgres', '--', file, ...args]) : run(file, args);
  try {
    const password = randomBytes(18).toString('hex');
    const pwfile = join(dir, 'pwfile');
    writeFileSync(pwfile, password, { mode: 0o600 });
    if (asPostgres) {
      const [uid, gid] = await Promise.all([run('id', ['-u', 'postgres']), run('id', ['-g', 'postgres'])]);
      for (const path of [dir, pwfile]) chownSync(path, Number(uid.stdout), Number(gid.stdout));
    }
    const data = join(dir, 'data');
    await exec(join(bin, 'initdb'), [
      ...['-D', data, '-U', 'postgres', `--pwfile=${pwfile}`, '-E', 'UTF8', '--locale=C'],
      ...['--auth-local=trust', '--auth-host=scram-sha-256', '--no-sync'],
    ]);
    const port = await freePort();
    const settings = [
      `-p ${port}`,
      `-k ${dir}`,
      '-c listen_addresses=127.0.0.1',
      '-c fsync=off',
      '-c synchronous_commit=off',
      '-c full_page_writes=off',
      '-c shared_buffers=16MB',
      '-c max_connections=200',
    ].join(' ');
    await exec(join(bin, 'pg_ctl'), ['start', '-w', '-D', data, '-l', join(dir, 'server.log'), '-o', settings]);
    let stopped: Promise<void> | null = null;
    return {
      adminUrl: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
      stop() {
        stopped ??= exec(join(bin, 'pg_ctl'), ['stop', '-m', 'immediate', '-D', data]).then(
          () => rmSync(dir, { recursive: true, force: true }),
          (error: unknown) => {
            rmSync(dir, { recursive: true, force: true });
            throw error;
          },
        );
        return stopped;
      },
    };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`Could not start a PostgreSQL cluster for the tests: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

/** The newest PostgreSQL installed the Debian way (`/usr/lib/postgresql/<major>/bin`). */
function findBinaries(): string {
  const majors = existsSync(DEBIAN_BINARIES)
    ? readdirSync(DEBIAN_BINARIES)
        .filter((name) => /^\d+$/.test(name) && existsSync(join(DEBIAN_BINARIES, name, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (majors.length === 0) {
    throw new Error(
      `PostgreSQL is not installed (no ${DEBIAN_BINARIES}/<version>/bin/initdb): apt-get install -y postgresql`,
    );
  }
  return join(DEBIAN_BINARIES, majors[0]!, 'bin');
}

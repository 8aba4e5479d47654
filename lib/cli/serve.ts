/**
 * `npm run dev` and `npm start`: everything Chorus needs, in one command.
 *
 * 1. Picks the database (DATABASE_URL, or an embedded PostgreSQL under .data/).
 * 2. Applies pending migrations; in development, loads the demo into an empty database
 *    (production never does: `npm run chorus -- demo` loads it on purpose).
 * 3. Starts the web app, the collaboration server and the background process (replies by
 *    email, digests) as child processes, starts again any that crashes (see supervise), and
 *    stops them and the database cleanly on Ctrl-C.
 *
 * `npm run dev` runs this file through tsx and its children as TypeScript (`next dev`, and
 * tsx for the others). `npm start` runs the compiled launcher, dist/serve.mjs, and its
 * children are the compiled files beside it, run by plain `node`: `npm run build` makes them
 * (lib/cli/build.mjs), and start refuses to run, saying so, when they or Next.js's build
 * are missing.
 *
 * In production the web app runs as WEB_CONCURRENCY processes (default: one per core)
 * behind the one port, with Node's cluster module: this process is the cluster's primary,
 * each worker runs dist/web.mjs (lib/cli/web.ts: Next.js behind a plain Node server), and the primary
 * hands each new connection to the next worker in turn. That is safe because the web app
 * keeps nothing that matters in memory: sessions, rate limits and everything else live in
 * the database. Development runs one `next dev`, which recompiles on change and cannot
 * share a port.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import cluster from 'node:cluster';
import { existsSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import { openDatabase } from '@/lib/cli/database';
import { applyMigrations } from '@/lib/db/migrate';
import { parseEnv } from '@/lib/env';
import { PrismaClient } from '@/lib/generated/prisma/client';
import { findProjectRoot } from '@/lib/project-root';
import { loadDemo } from '@/prisma/demo';

const root = findProjectRoot(import.meta.dirname);
const mode = process.argv[2] === 'start' ? 'start' : 'dev';
/** Node's arguments for running one of Chorus's TypeScript programs in development. */
const TS_ENTRY = ['--import', 'tsx', '--import', path.join(root, 'lib/cli/server-only-hook.mjs')];
/**
 * Where the compiled programs are: beside this file once it is compiled itself (dist/serve.mjs,
 * or the folder a test compiled into), else the default dist/ of `npm run build`.
 */
const compiledDir = import.meta.url.endsWith('.mjs') ? import.meta.dirname : path.join(root, 'dist');
const compiled = (name: string) => path.join(compiledDir, `${name}.mjs`);

function fail(message: string): never {
  console.error(`\n✖ ${message}\n`);
  process.exit(1);
}

/** Stops `npm start` before anything starts when a part of the production build is missing. */
function requireProductionBuild(): void {
  const nextBuild = path.join(root, process.env.NEXT_DIST_DIR || '.next', 'BUILD_ID');
  const missing = [nextBuild, ...['web', 'collab-server', 'worker'].map(compiled)].filter((file) => !existsSync(file));
  if (missing.length) {
    fail(`There is no production build to start (missing: ${missing.map((file) => path.relative(root, file)).join(', ')}). Run npm run build first, then npm start.`);
  }
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, () => server.close(() => resolve(true)));
  });
}

async function main() {
  const port = Number(process.env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 1 || port > 65535) fail(`PORT must be a number from 1 to 65535 (it is "${process.env.PORT}")`);
  const collabPort = Number(process.env.COLLAB_PORT ?? port + 1);
  if (mode === 'start' && !process.env.NEXTAUTH_SECRET) {
    fail('NEXTAUTH_SECRET is required in production: set it to a long random string (for example: openssl rand -base64 32).');
  }
  if (mode === 'start' && !process.env.SMTP_URL && process.env.CHORUS_MAIL_LOG_ONLY !== '1') {
    fail('SMTP_URL is required in production, to send sign-in links: set it to smtp://user:pass@host:587. To run without sending any mail, set CHORUS_MAIL_LOG_ONLY=1 (mail is then only logged, without its text).');
  }
  // Every other variable is checked now, before anything starts, exactly as the app will
  // read it (the embedded database's address is not known yet: a stand-in takes its place).
  let webProcesses = 1;
  try {
    const config = parseEnv({
      ...process.env,
      NODE_ENV: mode === 'start' ? 'production' : 'development',
      DATABASE_URL: process.env.DATABASE_URL || 'postgresql://embedded/chorus',
    });
    if (mode === 'start') webProcesses = config.WEB_CONCURRENCY ?? os.availableParallelism();
    else if (config.WEB_CONCURRENCY && config.WEB_CONCURRENCY > 1) console.info('• WEB_CONCURRENCY applies to npm start; npm run dev runs one web process');
  } catch (error) {
    fail((error as Error).message);
  }
  if (mode === 'start') requireProductionBuild();
  for (const [name, value] of [['PORT', port], ['COLLAB_PORT', collabPort]] as const) {
    if (!(await portIsFree(value))) fail(`Port ${value} is already in use. Stop whatever uses it, or set ${name} to another port.`);
  }

  let database;
  try {
    database = await openDatabase();
  } catch (error) {
    fail((error as Error).message);
  }
  console.info(database.embedded ? `• Embedded PostgreSQL running (data in ${process.env.CHORUS_DATA_DIR ?? '.data'})` : '• Using DATABASE_URL');

  const children: ChildProcess[] = [];
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    console.info('\n• Stopping Chorus...');
    await Promise.all(
      children.map((child) => new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      })),
    );
    await database.stop();
    console.info('• Stopped.');
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  try {
    const applied = await applyMigrations(database.url);
    if (applied.length) console.info(`• Applied migrations: ${applied.join(', ')}`);
    const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: database.url }) });
    // The demo's people can sign in with one click in development; a production database
    // gets them only when the operator asks (npm run chorus -- demo).
    if (mode === 'dev' && (await loadDemo(prisma))) console.info('• Loaded the demo response and demo people');
    await prisma.$disconnect();
  } catch (error) {
    console.error(`✖ Could not prepare the database: ${(error as Error).message}`);
    await stop(1);
  }

  const childEnv = {
    ...process.env,
    DATABASE_URL: database.url,
    PORT: String(port),
    COLLAB_PORT: String(collabPort),
    NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
    NODE_ENV: (mode === 'start' ? 'production' : 'development') as 'production' | 'development',
  };
  /**
   * Keeps a child running: one that stops unexpectedly after running for a while is started
   * again after 1 s, then 2, 4, 8… (at most 30 s) while it keeps failing, and everything else
   * keeps serving meanwhile. One that stops within 10 s of its first start (no build, a port
   * taken, bad configuration) would only stop again: then Chorus stops, saying why.
   */
  const supervise = (name: string, start: () => ChildProcess) => {
    let failures = 0;
    let everUp = false;
    const run = () => {
      const startedAt = Date.now();
      const child = start();
      children.push(child);
      console.info(`• The ${name} runs as process ${child.pid}`);
      child.on('exit', (code, signal) => {
        children.splice(children.indexOf(child), 1);
        if (stopping) return;
        const how = signal ?? `exit code ${code}`;
        const quick = Date.now() - startedAt < 10_000;
        if (!quick) everUp = true;
        if (quick && !everUp) {
          console.error(`✖ The ${name} stopped unexpectedly (${how}).`);
          void stop(code || 1);
          return;
        }
        failures = quick ? failures + 1 : 1;
        const delay = Math.min(30_000, 1000 * 2 ** (failures - 1));
        console.error(`✖ The ${name} stopped unexpectedly (${how}); starting it again in ${delay / 1000} s.`);
        setTimeout(() => {
          if (!stopping) run();
        }, delay).unref();
      });
    };
    run();
  };
  const launch = (name: string, args: string[]) => supervise(name, () => spawn(process.execPath, args, { cwd: root, env: childEnv, stdio: 'inherit' }));

  // Development: `next dev`, which recompiles on change. Production: dist/web.mjs (lib/cli/web.ts),
  // Next.js behind a plain Node server that answers the busiest writes itself.
  const webArgs = mode === 'dev' ? [path.join(root, 'node_modules/next/dist/bin/next'), 'dev', '--port', String(port)] : [compiled('web')];
  if (webProcesses === 1) launch('web app', webArgs);
  else {
    // Workers share the port through this process; see the comment at the top.
    cluster.setupPrimary({ exec: webArgs[0], args: webArgs.slice(1), execArgv: [] });
    for (let i = 0; i < webProcesses; i++) supervise(`web process ${i + 1}`, () => cluster.fork(childEnv).process);
  }
  // A process of its own, so typing in the editor never waits on page rendering (and vice versa).
  launch('collaboration server', mode === 'dev' ? [...TS_ENTRY, path.join(root, 'lib/collab/server.ts')] : [compiled('collab-server')]);
  // Replies by email and digests (lib/worker/main.ts).
  launch('background process', mode === 'dev' ? [...TS_ENTRY, path.join(root, 'lib/worker/main.ts')] : [compiled('worker')]);
  const web = webProcesses === 1 ? '' : `, ${webProcesses} web processes`;
  console.info(`• Chorus: http://localhost:${port}  (collaboration server on port ${collabPort}${web})`);
}

void main();

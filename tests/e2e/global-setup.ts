/**
 * One end-to-end run = one private copy of everything Chorus needs:
 *
 * - an embedded PostgreSQL in a temporary directory, migrated, with the demo loaded;
 * - a production build, as `npm run build` makes it: `next build` into NEXT_DIST_DIR
 *   (`.next-e2e` unless E2E_DIST_DIR says otherwise) and Chorus's Node programs compiled
 *   into `<that folder>-programs` (E2E_SKIP_BUILD=1 reuses an existing build), so that several
 *   runs can share one working tree;
 * - an SMTP capture server on 127.0.0.1 writing each message to `<run dir>/mail.jsonl`;
 * - the app itself, started the way `npm start` starts it (the compiled launcher), on free ports.
 *
 * What tests need is passed through environment variables, which Playwright hands to its
 * workers: E2E_BASE_URL, E2E_DATABASE_URL, E2E_MAIL_FILE, E2E_RUN_DIR (see support/env.ts).
 * Global teardown (global-teardown.ts) stops everything and removes the directory.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import { freePort, startEmbeddedPostgres } from '../../lib/db/embedded';
import { applyMigrations } from '../../lib/db/migrate';
import { PrismaClient } from '../../lib/generated/prisma/client';
import { loadDemo } from '../../prisma/demo';
import { startMailCapture } from './support/mail';

const root = path.resolve(import.meta.dirname, '../..');

type Stopper = () => Promise<void>;
declare global {
  var __chorusE2eTeardown: Stopper | undefined;
}

function log(message: string) {
  console.info(`[e2e] ${message}`);
}

export async function tail(file: string, lines = 60): Promise<string> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text.split('\n').slice(-lines).join('\n');
}

/** Two different free ports. */
export async function freePorts(count: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < count) ports.add(await freePort());
  return [...ports];
}

function run(command: string, args: string[], options: { env: NodeJS.ProcessEnv; logFile: string }): Promise<number> {
  return new Promise((resolve, reject) => {
    const out = createWriteStream(options.logFile);
    const child = spawn(command, args, { cwd: root, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.pipe(out);
    child.stderr.pipe(out);
    child.on('error', reject);
    child.on('close', (code) => out.end(() => resolve(code ?? 1)));
  });
}

/**
 * `next build` rewrites tsconfig.json to include `<distDir>/types/**`; with a dist dir of
 * our own that would leave the shared tsconfig.json modified. Remove just those entries.
 */
async function restoreTsconfig(distDir: string, nextEnvBefore: string | null) {
  const file = path.join(root, 'tsconfig.json');
  const config = JSON.parse(await readFile(file, 'utf8')) as { include?: string[] };
  const ours = [`${distDir}/types/**/*.ts`, `${distDir}/dev/types/**/*.ts`];
  if (distDir !== '.next' && config.include?.some((entry) => ours.includes(entry))) {
    config.include = config.include.filter((entry) => !ours.includes(entry));
    await writeFile(file, `${JSON.stringify(config, null, 2)}\n`);
  }
  // next-env.d.ts (not committed) now points at our dist dir's types; put back what was there.
  if (nextEnvBefore !== null) await writeFile(path.join(root, 'next-env.d.ts'), nextEnvBefore);
}

/**
 * A compiled program of a test build (lib/cli/programs.mjs): `npm run build` puts them in
 * dist/; a test build in `<distDir>-programs/`, beside its Next.js build, so that it never
 * touches dist/. Not inside the Next.js folder: Next.js writes a package.json there, which
 * the programs would take for the project's (lib/project-root.ts).
 */
export function compiledProgram(distDir: string, name: 'serve' | 'web' | 'collab-server' | 'worker'): string {
  return path.join(root, `${distDir}-programs`, `${name}.mjs`);
}

/** `npm run build` into `distDir`: next build, then the compiled programs. */
export async function buildApp(distDir: string, runDir: string) {
  const buildId = path.join(root, distDir, 'BUILD_ID');
  if (process.env.E2E_SKIP_BUILD === '1') {
    if (!existsSync(buildId) || !existsSync(compiledProgram(distDir, 'serve'))) throw new Error(`E2E_SKIP_BUILD=1 but there is no production build in ${distDir}/ (run once without it)`);
    log(`reusing the production build in ${distDir}/`);
    return;
  }
  const started = Date.now();
  log(`building the app for production into ${distDir}/ (next build)...`);
  const logFile = path.join(runDir, 'build.log');
  const nextEnvPath = path.join(root, 'next-env.d.ts');
  const nextEnvBefore = existsSync(nextEnvPath) ? await readFile(nextEnvPath, 'utf8') : null;
  const code = await run(process.execPath, [path.join(root, 'node_modules/next/dist/bin/next'), 'build'], {
    env: { ...process.env, NODE_ENV: 'production', NEXT_DIST_DIR: distDir, NEXT_TELEMETRY_DISABLED: '1', NEXT_SKIP_TYPECHECK: '1' },
    logFile,
  }).finally(() => restoreTsconfig(distDir, nextEnvBefore));
  if (code !== 0) throw new Error(`next build failed (exit code ${code}). Its output ends with:\n${await tail(logFile)}`);
  const programsLog = path.join(runDir, 'build-programs.log');
  const compiled = await run(process.execPath, [path.join(root, 'lib/cli/build.mjs'), '--outdir', path.dirname(compiledProgram(distDir, 'serve'))], { env: process.env, logFile: programsLog });
  if (compiled !== 0) throw new Error(`Compiling the programs failed (exit code ${compiled}):\n${await tail(programsLog)}`);
  log(`built in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

async function prepareDatabase(runDir: string) {
  const postgres = await startEmbeddedPostgres({ dir: runDir, database: 'chorus', persistent: false, quiet: true });
  try {
    await applyMigrations(postgres.url);
    const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: postgres.url }) });
    try {
      await loadDemo(prisma);
    } finally {
      await prisma.$disconnect();
    }
  } catch (error) {
    await postgres.stop();
    throw error;
  }
  return postgres;
}

export async function waitForHealth(baseUrl: string, app: ChildProcess, logFile: string, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (app.exitCode !== null || app.signalCode !== null) {
      throw new Error(`The app stopped while starting (${app.signalCode ?? `exit code ${app.exitCode}`}). Its log ends with:\n${await tail(logFile)}`);
    }
    const status = await fetch(`${baseUrl}/api/health`).then((r) => r.status, () => 0);
    if (status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`The app did not answer ${baseUrl}/api/health with 200 within ${timeoutMs / 1000} s. Its log ends with:\n${await tail(logFile)}`);
}

export function stopProcessGroup(child: ChildProcess, graceMs = 10_000): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null || !child.pid) return resolve();
    const pid = child.pid;
    const timer = setTimeout(() => {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }, graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    try {
      process.kill(pid, 'SIGTERM'); // the launcher stops the web app it started, then itself
    } catch {
      clearTimeout(timer);
      resolve();
    }
  });
}

export default async function globalSetup() {
  const started = Date.now();
  const distDir = process.env.E2E_DIST_DIR || '.next-e2e';
  const runDir = await mkdtemp(path.join(os.tmpdir(), 'chorus-e2e-'));
  await chmod(runDir, 0o755); // PostgreSQL runs as the 'postgres' user when we are root: it must reach its directory
  const stoppers: Stopper[] = [];
  const teardown: Stopper = async () => {
    for (const stop of stoppers.splice(0).reverse()) await stop().catch((error) => console.error('[e2e] teardown:', error));
    if (process.env.E2E_KEEP_RUN_DIR === '1') log(`kept ${runDir}`);
    else await rm(runDir, { recursive: true, force: true });
  };
  globalThis.__chorusE2eTeardown = teardown;

  try {
    log(`run directory ${runDir}`);
    // The build and the database do not depend on each other: prepare both at once.
    const [postgres] = await Promise.all([prepareDatabase(runDir), buildApp(distDir, runDir)]);
    stoppers.push(() => postgres.stop());

    const [port, collabPort, smtpPort] = await freePorts(3);
    const mailFile = path.join(runDir, 'mail.jsonl');
    await writeFile(mailFile, '');
    const capture = await startMailCapture(smtpPort, mailFile);
    stoppers.push(() => capture.stop());

    const baseUrl = `http://localhost:${port}`;
    const appLog = path.join(runDir, 'app.log');
    const out = createWriteStream(appLog);
    const app = spawn(process.execPath, [compiledProgram(distDir, 'serve'), 'start'], {
      cwd: root,
      detached: true, // its own process group, so teardown can stop the launcher and the servers it started
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        NODE_ENV: 'production',
        NEXT_DIST_DIR: distDir,
        NEXT_TELEMETRY_DISABLED: '1',
        PORT: String(port),
        COLLAB_PORT: String(collabPort),
        DATABASE_URL: postgres.url,
        NEXTAUTH_URL: baseUrl,
        NEXTAUTH_SECRET: randomBytes(32).toString('base64'),
        SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
        MAIL_FROM: 'Chorus <chorus@chorus.test>',
      },
    });
    app.stdout!.pipe(out);
    app.stderr!.pipe(out);
    if (process.env.E2E_SERVER_LOG === '1') {
      app.stdout!.pipe(process.stdout);
      app.stderr!.pipe(process.stderr);
    }
    stoppers.push(async () => {
      await stopProcessGroup(app);
      out.end();
    });
    await waitForHealth(baseUrl, app, appLog);

    process.env.E2E_BASE_URL = baseUrl;
    process.env.E2E_DATABASE_URL = postgres.url;
    process.env.E2E_MAIL_FILE = mailFile;
    process.env.E2E_RUN_DIR = runDir;
    process.env.E2E_COLLAB_PORT = String(collabPort);
    log(`app ready at ${baseUrl} in ${((Date.now() - started) / 1000).toFixed(0)} s (log: ${appLog})`);
  } catch (error) {
    await teardown();
    throw error;
  }
}

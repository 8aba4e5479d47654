/**
 * The app under test, as in production: `npm run build` in its own folders (`next build` into
 * .next-bench, the compiled programs into .next-bench-programs, so it never clashes with
 * `npm run dev`, dist/ or the end-to-end build), then `npm start`'s compiled launcher
 * (serve.mjs start), which starts the web processes, the collaboration server and the
 * background process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { freePort } from '../../../lib/db/embedded';
import { commandLine, processTree } from './proc';

export const root = path.resolve(import.meta.dirname, '../../..');
export const DIST_DIR = '.next-bench';
const PROGRAMS_DIR = `${DIST_DIR}-programs`; // beside, not inside: see compiledProgram in tests/e2e/global-setup.ts
const NEXTAUTH_SECRET = 'chorus-benchmark-secret-0123456789abcdef';

export type BuildInfo = { reused: boolean; seconds: number; builtAt: string; commit: string | null };

function gitHead(): string | null {
  try {
    return readFileSync(path.join(root, '.git/HEAD'), 'utf8').startsWith('ref:')
      ? readFileSync(path.join(root, '.git', readFileSync(path.join(root, '.git/HEAD'), 'utf8').slice(5).trim()), 'utf8').trim()
      : readFileSync(path.join(root, '.git/HEAD'), 'utf8').trim();
  } catch {
    return null;
  }
}

/**
 * Builds the app unless a build may be reused (BENCH_SKIP_BUILD=1, or `reuse` and a build
 * exists). `next build` rewrites tsconfig.json and next-env.d.ts to mention its folder;
 * both are put back afterwards, so a benchmark never leaves changes in the working tree.
 */
export async function buildApp(options: { reuse: boolean; force?: boolean; databaseUrl: string }): Promise<BuildInfo> {
  const buildId = path.join(root, DIST_DIR, 'BUILD_ID');
  const stampFile = path.join(root, DIST_DIR, 'bench-build.json');
  if (!options.force && (options.reuse || process.env.BENCH_SKIP_BUILD === '1') && existsSync(buildId) && existsSync(path.join(root, PROGRAMS_DIR, 'serve.mjs'))) {
    const stamp = existsSync(stampFile) ? (JSON.parse(readFileSync(stampFile, 'utf8')) as { commit: string | null }) : { commit: null };
    return { reused: true, seconds: 0, builtAt: statSync(buildId).mtime.toISOString(), commit: stamp.commit };
  }
  const saved = await Promise.all(['tsconfig.json', 'next-env.d.ts'].map(async (file) => [file, existsSync(path.join(root, file)) ? await readFile(path.join(root, file), 'utf8') : null] as const));
  const started = performance.now();
  try {
    await new Promise<void>((resolve, reject) => {
      const child = spawn(process.execPath, [path.join(root, 'node_modules/next/dist/bin/next'), 'build'], {
        cwd: root,
        // The type check is `npm run typecheck`'s job (and costs a minute of both cores); the built code is the same.
        env: { ...process.env, NODE_ENV: 'production', NEXT_DIST_DIR: DIST_DIR, DATABASE_URL: options.databaseUrl, NEXTAUTH_SECRET, NEXT_TELEMETRY_DISABLED: '1', NEXT_SKIP_TYPECHECK: '1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (chunk) => (output += chunk));
      child.stderr.on('data', (chunk) => (output += chunk));
      child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`next build failed (exit code ${code}):\n${output.slice(-4000)}`))));
    });
    await new Promise<void>((resolve, reject) => {
      const child = spawn(process.execPath, [path.join(root, 'lib/cli/build.mjs'), '--outdir', PROGRAMS_DIR], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
      let output = '';
      child.stderr.on('data', (chunk) => (output += chunk));
      child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`compiling the programs failed (exit code ${code}):\n${output.slice(-4000)}`))));
    });
  } finally {
    for (const [file, content] of saved) {
      const target = path.join(root, file);
      if (content !== null && existsSync(target) && (await readFile(target, 'utf8')) !== content) await writeFile(target, content);
    }
  }
  const commit = gitHead();
  await writeFile(stampFile, JSON.stringify({ commit, builtAt: new Date().toISOString() }));
  return { reused: false, seconds: (performance.now() - started) / 1000, builtAt: new Date().toISOString(), commit };
}

function waitForPort(port: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve) => {
    const attempt = () => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => {
        socket.destroy();
        if (Date.now() > deadline) resolve(false);
        else setTimeout(attempt, 200);
      });
    };
    attempt();
  });
}

export type RunningApp = {
  baseUrl: string;
  port: number;
  collabPort: number;
  collabUrl: string;
  /** Whether anything listens on the collaboration port. */
  collabListening: boolean;
  launcher: ChildProcess;
  /** Every process of the app (launcher, web server, collaboration server). */
  pids(): number[];
  /** The web server's processes (the `next start` process and its workers). */
  webPids(): number[];
  /** The collaboration server's processes; the web server's when it runs in the same process. */
  collabPids(): number[];
  logs(): string;
  stop(): Promise<void>;
};

export async function startApp(databaseUrl: string): Promise<RunningApp> {
  const port = await freePort();
  let collabPort = await freePort();
  while (collabPort === port) collabPort = await freePort();
  const baseUrl = `http://localhost:${port}`;
  let log = '';
  const launcher = spawn(process.execPath, [path.join(root, PROGRAMS_DIR, 'serve.mjs'), 'start'], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      COLLAB_PORT: String(collabPort),
      NEXTAUTH_URL: baseUrl,
      NEXTAUTH_SECRET,
      // Production refuses to start without SMTP_URL; benchmarks send no mail on purpose.
      CHORUS_MAIL_LOG_ONLY: '1',
      NEXT_DIST_DIR: DIST_DIR,
      NEXT_TELEMETRY_DISABLED: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (chunk: Buffer) => {
    log += chunk.toString();
    if (log.length > 200_000) log = log.slice(-100_000);
  };
  launcher.stdout!.on('data', keep);
  launcher.stderr!.on('data', keep);

  const deadline = Date.now() + 120_000;
  for (;;) {
    if (launcher.exitCode !== null) throw new Error(`The app stopped while starting (exit code ${launcher.exitCode}):\n${log.slice(-3000)}`);
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      if (response.ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`The app did not answer /api/health within 120 s:\n${log.slice(-3000)}`);
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  const collabListening = await waitForPort(collabPort, 15_000);

  const tree = () => (launcher.pid ? processTree(launcher.pid) : []);
  const descendants = () => tree().slice(1);
  const isCollab = (pid: number) => /collab/i.test(commandLine(pid));
  const webPids = () => {
    const all = descendants();
    const web = all.filter((pid) => !isCollab(pid));
    return web.length ? web : all;
  };
  return {
    baseUrl,
    port,
    collabPort,
    collabUrl: `ws://127.0.0.1:${collabPort}`,
    collabListening,
    launcher,
    pids: tree,
    webPids,
    collabPids: () => {
      const collab = descendants().filter(isCollab);
      return collab.length ? collab : webPids();
    },
    logs: () => log,
    async stop() {
      if (launcher.exitCode !== null || launcher.signalCode !== null) return;
      await new Promise<void>((resolve) => {
        launcher.once('exit', () => resolve());
        launcher.kill('SIGTERM');
        setTimeout(() => launcher.kill('SIGKILL'), 10_000).unref();
      });
    },
  };
}

/** Runs the operator's command line (`npm run chorus -- ...`) as a real child process. */
import { execFile } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');

export type CliRun = { code: number | null; stdout: string; stderr: string };

/** `lib/cli/chorus.ts ...args` through tsx (as `npm run chorus` runs it without a build), with `env` added. */
export function runChorus(args: string[], env: Record<string, string | undefined> = {}, timeout = 120_000): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', '--import', './lib/cli/server-only-hook.mjs', 'lib/cli/chorus.ts', ...args],
      { cwd: root, env: { ...process.env, ...env }, timeout, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

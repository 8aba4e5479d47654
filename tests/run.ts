/**
 * `npm test`: every check, in order of cost.
 *
 * 1. The type check of the whole project (tsc --noEmit; the end-to-end build skips its own).
 * 2. Unit and integration tests (Vitest; one embedded PostgreSQL for the run, a fresh
 *    database per test file, or TEST_DATABASE_URL's server).
 * 3. End-to-end tests (Playwright in the system's Chromium against a production build with
 *    its own PostgreSQL and SMTP capture server).
 * 4. Scale tests (tests/scale/run.ts): two web and two collaboration processes sharing one
 *    PostgreSQL and one Redis, on the end-to-end stage's build.
 *
 * Every stage runs even when an earlier one failed, so one run shows everything that is
 * wrong. The last line is the whole run's count, `N passed, N failed`, alone on its line
 * (CI reads it); the exit code is non-zero when anything failed.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

type Counts = { passed: number; failed: number };

const scratch = mkdtempSync(path.join(os.tmpdir(), 'chorus-test-run-'));
const vitestReport = path.join(scratch, 'vitest.json');
const e2eReport = path.join(scratch, 'e2e.json');
const scaleReport = path.join(scratch, 'scale.json');

function readJson<T>(file: string): T | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    return null;
  }
}

const stages: { name: string; command: string; args: string[]; env?: Record<string, string>; count(exitCode: number): Counts }[] = [
  {
    name: 'type check',
    command: 'npx',
    args: ['tsc', '--noEmit', '-p', '.'],
    count: (code) => (code === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 }),
  },
  {
    name: 'unit and integration tests',
    command: 'npx',
    args: ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestReport}`],
    count(code) {
      const report = readJson<{ numPassedTests: number; numFailedTests: number }>(vitestReport);
      const passed = report?.numPassedTests ?? 0;
      const failed = report?.numFailedTests ?? 0;
      // A run that broke outside any test (set-up, a file that does not load) counts as one failure.
      return { passed, failed: failed || (code === 0 ? 0 : 1) };
    },
  },
  {
    name: 'end-to-end tests',
    command: 'npx',
    args: ['playwright', 'test'],
    env: { E2E_SUMMARY_FILE: e2eReport },
    count(code) {
      const report = readJson<{ passed: number; failed: number }>(e2eReport);
      const passed = report?.passed ?? 0;
      const failed = report?.failed ?? 0;
      return { passed, failed: failed || (code === 0 ? 0 : 1) };
    },
  },
  {
    name: 'scale tests',
    command: 'npx',
    args: ['tsx', '--conditions=react-server', 'tests/scale/run.ts'],
    // The end-to-end stage has just built the app for production; use that build.
    env: { SCALE_REUSE_BUILD: '1', SCALE_SUMMARY_FILE: scaleReport },
    count(code) {
      const report = readJson<{ passed: number; failed: number }>(scaleReport);
      return { passed: report?.passed ?? 0, failed: report?.failed || (code === 0 ? 0 : 1) };
    },
  },
];

const total: Counts = { passed: 0, failed: 0 };
const lines: string[] = [];
const started = Date.now();
for (const stage of stages) {
  const stageStarted = Date.now();
  console.info(`\n▶ ${stage.name}: ${stage.command} ${stage.args.join(' ')}\n`);
  const result = spawnSync(stage.command, stage.args, { stdio: 'inherit', env: { ...process.env, ...stage.env } });
  const code = result.status ?? 1;
  const counts = stage.count(code);
  total.passed += counts.passed;
  total.failed += counts.failed;
  const seconds = Math.round((Date.now() - stageStarted) / 1000);
  lines.push(`${counts.failed ? '✖' : '✓'} ${stage.name}: ${counts.passed} passed, ${counts.failed} failed (${seconds} s)`);
}
rmSync(scratch, { recursive: true, force: true });

console.info(`\n${lines.join('\n')}\nin ${Math.round((Date.now() - started) / 1000)} s\n`);
console.info(`${total.passed} passed, ${total.failed} failed`);
process.exit(total.failed ? 1 : 0);

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
 * wrong. The last line is the whole run's count, `N passed, N failed, N skipped`, alone on
 * its line (CI reads it), after the flaky and skipped tests by name; the exit code is
 * non-zero when anything failed. On CI (CI set) an end-to-end test that passed only on its
 * retry fails the run, and a check whose tool is missing (LibreOffice's soffice, Chromium)
 * fails rather than skips (tests/support/tools.ts).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { closingLines, summariseE2e, summariseVitest, type E2eSummary, type StageCounts, type VitestReport } from './support/run-summary';

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

const stages: { name: string; command: string; args: string[]; env?: Record<string, string>; count(exitCode: number): StageCounts }[] = [
  {
    name: 'type check',
    command: 'npx',
    args: ['tsc', '--noEmit', '-p', '.'],
    count: (code) => ({ passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1, skipped: 0, flaky: [], skippedNames: [] }),
  },
  {
    name: 'unit and integration tests',
    command: 'npx',
    args: ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestReport}`],
    count: (code) => summariseVitest(readJson<VitestReport>(vitestReport), code),
  },
  {
    name: 'end-to-end tests',
    command: 'npx',
    args: ['playwright', 'test'],
    env: { E2E_SUMMARY_FILE: e2eReport },
    count: (code) => summariseE2e(readJson<E2eSummary>(e2eReport), code),
  },
  {
    name: 'scale tests',
    command: 'npx',
    args: ['tsx', '--import', './lib/cli/server-only-hook.mjs', 'tests/scale/run.ts'],
    // The end-to-end stage has just built the app for production; use that build.
    env: { SCALE_REUSE_BUILD: '1', SCALE_SUMMARY_FILE: scaleReport },
    count: (code) => summariseE2e(readJson<E2eSummary>(scaleReport), code),
  },
];

const results: { name: string; counts: StageCounts; seconds: number }[] = [];
const started = Date.now();
for (const stage of stages) {
  const stageStarted = Date.now();
  console.info(`\n▶ ${stage.name}: ${stage.command} ${stage.args.join(' ')}\n`);
  const result = spawnSync(stage.command, stage.args, { stdio: 'inherit', env: { ...process.env, ...stage.env } });
  results.push({ name: stage.name, counts: stage.count(result.status ?? 1), seconds: Math.round((Date.now() - stageStarted) / 1000) });
}
rmSync(scratch, { recursive: true, force: true });

const { lines, total } = closingLines(results, Math.round((Date.now() - started) / 1000));
console.info(`\n${lines.join('\n')}`);
process.exit(total.failed ? 1 : 0);

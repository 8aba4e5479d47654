/**
 * How `npm test` (tests/run.ts) counts a run and says so. Pure: the stages' reports in,
 * lines out, so the counting is unit-tested (tests/unit/test-run-summary.test.ts).
 *
 * The promise: the last line is `N passed, N failed, N skipped`, and every test that was
 * skipped, or passed only on a retry (flaky), is named above it. Nothing is quietly
 * left out of a green run.
 */
import path from 'node:path';

export type StageCounts = {
  passed: number;
  failed: number;
  skipped: number;
  /** Tests that passed only on a retry, by name. */
  flaky: string[];
  /** Tests that did not run, by name. */
  skippedNames: string[];
};

/** The parts of Vitest's JSON report (jest-compatible) read here. */
export type VitestReport = {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests?: number;
  numTodoTests?: number;
  testResults?: { name: string; assertionResults?: { fullName: string; status: string }[] }[];
};

/** What tests/e2e/support/summary-reporter.ts writes to E2E_SUMMARY_FILE. */
export type E2eSummary = { passed: number; failed: number; skipped: number; flaky: string[]; skippedNames: string[] };

const SKIPPED_STATUSES = new Set(['pending', 'skipped', 'todo', 'disabled']);

/** A stage that broke outside any test (set-up, a file that does not load) counts as one failure. */
const brokenRun = (failed: number, exitCode: number) => failed || (exitCode === 0 ? 0 : 1);

export function summariseVitest(report: VitestReport | null, exitCode: number, root = process.cwd()): StageCounts {
  const skippedNames: string[] = [];
  for (const file of report?.testResults ?? []) {
    for (const test of file.assertionResults ?? []) {
      if (SKIPPED_STATUSES.has(test.status)) skippedNames.push(`${path.relative(root, file.name)} › ${test.fullName}`);
    }
  }
  const skipped = (report?.numPendingTests ?? 0) + (report?.numTodoTests ?? 0);
  return {
    passed: report?.numPassedTests ?? 0,
    failed: brokenRun(report?.numFailedTests ?? 0, exitCode),
    skipped: Math.max(skipped, skippedNames.length),
    // Vitest retries nothing here (no `retry` in vitest.config.ts), so it has no flaky tests.
    flaky: [],
    skippedNames,
  };
}

export function summariseE2e(report: E2eSummary | null, exitCode: number): StageCounts {
  return {
    passed: report?.passed ?? 0,
    failed: brokenRun(report?.failed ?? 0, exitCode),
    skipped: report?.skipped ?? 0,
    flaky: report?.flaky ?? [],
    skippedNames: report?.skippedNames ?? [],
  };
}

export const countsLine = (counts: Pick<StageCounts, 'passed' | 'failed' | 'skipped'>) => `${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`;

/**
 * The closing lines of a run: one per stage, the flaky and skipped tests by name, and the
 * whole run's count alone on the last line (CI reads it).
 */
export function closingLines(stages: { name: string; counts: StageCounts; seconds: number }[], totalSeconds: number): { lines: string[]; total: StageCounts } {
  const total: StageCounts = { passed: 0, failed: 0, skipped: 0, flaky: [], skippedNames: [] };
  const lines: string[] = [];
  for (const { name, counts, seconds } of stages) {
    total.passed += counts.passed;
    total.failed += counts.failed;
    total.skipped += counts.skipped;
    total.flaky.push(...counts.flaky.map((test) => `${name}: ${test}`));
    total.skippedNames.push(...counts.skippedNames.map((test) => `${name}: ${test}`));
    const flaky = counts.flaky.length ? `, ${counts.flaky.length} flaky` : '';
    lines.push(`${counts.failed ? '✖' : '✓'} ${name}: ${countsLine(counts)}${flaky} (${seconds} s)`);
  }
  if (total.flaky.length) lines.push('', `Flaky (passed only on a retry): ${total.flaky.length}`, ...total.flaky.map((test) => `  ~ ${test}`));
  if (total.skippedNames.length || total.skipped) {
    lines.push('', `Skipped: ${total.skipped}`, ...total.skippedNames.map((test) => `  - ${test}`));
  }
  lines.push(`in ${totalSeconds} s`, '', countsLine(total));
  return { lines, total };
}

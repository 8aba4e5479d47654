/**
 * Prints one closing line, `e2e: N passed, N failed, N flaky, N skipped`, then the flaky
 * and skipped tests by name, and, when E2E_SUMMARY_FILE is set, writes the same as JSON
 * there (tests/run.ts adds them to the whole run's summary).
 *
 * On CI (CI set), a test that passed only on its retry counts as failed: a retry may hide
 * a real race, and a green CI run must mean every test passed the first time. Locally a
 * flaky test counts as passed, and is named.
 */
import { writeFileSync } from 'node:fs';
import type { FullResult, Reporter, TestCase } from '@playwright/test/reporter';

export default class SummaryReporter implements Reporter {
  private tests = new Set<TestCase>();

  constructor(private readonly options: { ci?: boolean } = {}) {}

  onTestEnd(test: TestCase) {
    this.tests.add(test);
  }

  async onEnd(result: FullResult): Promise<{ status: FullResult['status'] } | undefined> {
    const ci = this.options.ci ?? Boolean(process.env.CI);
    const counts = { passed: 0, failed: 0, flaky: 0, skipped: 0 };
    const flaky: string[] = [];
    const skippedNames: string[] = [];
    const name = (test: TestCase) => test.titlePath().filter(Boolean).join(' › ');
    for (const test of this.tests) {
      const outcome = test.outcome();
      if (outcome === 'expected') counts.passed++;
      else if (outcome === 'flaky') {
        counts.flaky++;
        flaky.push(name(test));
      } else if (outcome === 'skipped') {
        counts.skipped++;
        skippedNames.push(name(test));
      } else counts.failed++;
    }
    const flakyFailed = ci ? counts.flaky : 0;
    // A run that broke before or outside the tests (global setup, a crashed worker) is a failure too.
    const brokenRun = result.status !== 'passed' && counts.failed + flakyFailed === 0 ? 1 : 0;
    const summary = {
      passed: counts.passed + (ci ? 0 : counts.flaky),
      failed: counts.failed + flakyFailed + brokenRun,
      skipped: counts.skipped,
      flaky,
      skippedNames,
      status: result.status,
    };
    if (process.env.E2E_SUMMARY_FILE) writeFileSync(process.env.E2E_SUMMARY_FILE, JSON.stringify(summary));
    const broken = brokenRun ? ' (the run itself failed: see the error above)' : '';
    const lines = [`\ne2e: ${counts.passed} passed, ${summary.failed} failed, ${counts.flaky} flaky, ${counts.skipped} skipped${broken}`];
    if (flaky.length) lines.push(`${ci ? 'Failed on CI because they passed only on a retry' : 'Flaky (passed only on a retry)'}:`, ...flaky.map((test) => `  ~ ${test}`));
    if (skippedNames.length) lines.push('Skipped:', ...skippedNames.map((test) => `  - ${test}`));
    console.info(lines.join('\n'));
    // Playwright's own exit code follows: a flaky test on CI makes the run fail.
    return flakyFailed ? { status: 'failed' as const } : undefined;
  }

  printsToStdio() {
    return false;
  }
}

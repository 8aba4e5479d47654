/**
 * Prints one closing line, `e2e: N passed, N failed, N flaky, N skipped`, and, when
 * E2E_SUMMARY_FILE is set, writes the same counts as JSON there (tests/run.ts adds them
 * to the whole run's summary).
 */
import { writeFileSync } from 'node:fs';
import type { FullResult, Reporter, TestCase } from '@playwright/test/reporter';

export default class SummaryReporter implements Reporter {
  private tests = new Set<TestCase>();

  onTestEnd(test: TestCase) {
    this.tests.add(test);
  }

  onEnd(result: FullResult) {
    const counts = { passed: 0, failed: 0, flaky: 0, skipped: 0 };
    for (const test of this.tests) {
      const outcome = test.outcome();
      if (outcome === 'expected') counts.passed++;
      else if (outcome === 'flaky') counts.flaky++;
      else if (outcome === 'skipped') counts.skipped++;
      else counts.failed++;
    }
    // A run that broke before or outside the tests (global setup, a crashed worker) is a failure too.
    const brokenRun = result.status !== 'passed' && counts.failed === 0 ? 1 : 0;
    const summary = { ...counts, passed: counts.passed + counts.flaky, failed: counts.failed + brokenRun, status: result.status };
    if (process.env.E2E_SUMMARY_FILE) writeFileSync(process.env.E2E_SUMMARY_FILE, JSON.stringify(summary));
    const broken = brokenRun ? ' (the run itself failed: see the error above)' : '';
    console.info(`\ne2e: ${counts.passed} passed, ${summary.failed} failed, ${counts.flaky} flaky, ${counts.skipped} skipped${broken}`);
  }

  printsToStdio() {
    return false;
  }
}

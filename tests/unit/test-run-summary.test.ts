/**
 * `npm test`'s own promises: it ends with `N passed, N failed, N skipped`, names every
 * skipped and flaky test, fails a CI run whose end-to-end test needed a retry, and fails
 * (rather than skips) a check whose program is missing.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FullResult, TestCase } from '@playwright/test/reporter';
import { afterEach, describe, expect, it, vi } from 'vitest';
import SummaryReporter from '@/tests/e2e/support/summary-reporter';
import { closingLines, summariseE2e, summariseVitest, type VitestReport } from '@/tests/support/run-summary';
import { findTool, requireTool } from '@/tests/support/tools';

const root = '/work/chorus';
const vitestReport: VitestReport = {
  numPassedTests: 3,
  numFailedTests: 0,
  numPendingTests: 1,
  numTodoTests: 1,
  testResults: [
    {
      name: `${root}/tests/integration/export.test.ts`,
      assertionResults: [
        { fullName: '[EXPORT] renders markdown', status: 'passed' },
        { fullName: '[EXPORT] LibreOffice opens the docx', status: 'pending' },
        { fullName: '[EXPORT] one day', status: 'todo' },
      ],
    },
    { name: `${root}/tests/unit/errors.test.ts`, assertionResults: [{ fullName: 'a', status: 'passed' }, { fullName: 'b', status: 'passed' }] },
  ],
};

const fakeTest = (title: string, outcome: ReturnType<TestCase['outcome']>) => ({ titlePath: () => ['', 'chromium', 'sign-in.spec.ts', title], outcome: () => outcome }) as unknown as TestCase;

async function runReporter(ci: boolean, tests: TestCase[], status: FullResult['status'] = 'passed') {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'chorus-summary-'));
  const file = path.join(dir, 'e2e.json');
  const previous = process.env.E2E_SUMMARY_FILE;
  process.env.E2E_SUMMARY_FILE = file;
  const printed: string[] = [];
  const info = vi.spyOn(console, 'info').mockImplementation((line: string) => void printed.push(line));
  try {
    const reporter = new SummaryReporter({ ci });
    for (const test of tests) reporter.onTestEnd(test);
    const verdict = await reporter.onEnd({ status } as FullResult);
    return { summary: JSON.parse(readFileSync(file, 'utf8')), printed: printed.join('\n'), verdict };
  } finally {
    info.mockRestore();
    if (previous === undefined) delete process.env.E2E_SUMMARY_FILE;
    else process.env.E2E_SUMMARY_FILE = previous;
    rmSync(dir, { recursive: true, force: true });
  }
}

afterEach(() => vi.restoreAllMocks());

describe('[TESTS] npm test counts and names what happened', () => {
  it('counts skipped Vitest tests and names them', () => {
    const counts = summariseVitest(vitestReport, 0, root);
    expect(counts).toMatchObject({ passed: 3, failed: 0, skipped: 2 });
    expect(counts.skippedNames).toEqual(['tests/integration/export.test.ts › [EXPORT] LibreOffice opens the docx', 'tests/integration/export.test.ts › [EXPORT] one day']);
  });

  it('ends with "N passed, N failed, N skipped" after the flaky and skipped tests by name', () => {
    const e2e = summariseE2e({ passed: 10, failed: 0, skipped: 1, flaky: ['sign-in.spec.ts › signs in'], skippedNames: ['collab.spec.ts › later'] }, 0);
    const { lines, total } = closingLines(
      [
        { name: 'type check', counts: { passed: 1, failed: 0, skipped: 0, flaky: [], skippedNames: [] }, seconds: 20 },
        { name: 'unit and integration tests', counts: summariseVitest(vitestReport, 0, root), seconds: 60 },
        { name: 'end-to-end tests', counts: e2e, seconds: 200 },
      ],
      280,
    );
    expect(lines.at(-1)).toBe('14 passed, 0 failed, 3 skipped');
    expect(total).toMatchObject({ passed: 14, failed: 0, skipped: 3 });
    const text = lines.join('\n');
    expect(text).toContain('  ~ end-to-end tests: sign-in.spec.ts › signs in');
    expect(text).toContain('  - end-to-end tests: collab.spec.ts › later');
    expect(text).toContain('  - unit and integration tests: tests/integration/export.test.ts › [EXPORT] LibreOffice opens the docx');
  });

  it('counts a stage that broke outside any test as a failure', () => {
    expect(summariseVitest(null, 1).failed).toBe(1);
    expect(summariseE2e(null, 1).failed).toBe(1);
  });
});

describe('[TESTS] end-to-end tests that needed a retry', () => {
  const tests = [fakeTest('signs in', 'expected'), fakeTest('signs out', 'flaky'), fakeTest('later', 'skipped')];

  it('fail the run on CI, by name', async () => {
    const { summary, printed, verdict } = await runReporter(true, tests, 'passed');
    expect(verdict).toEqual({ status: 'failed' });
    expect(summary).toMatchObject({ passed: 1, failed: 1, skipped: 1, flaky: ['chromium › sign-in.spec.ts › signs out'], skippedNames: ['chromium › sign-in.spec.ts › later'] });
    expect(printed).toContain('Failed on CI because they passed only on a retry');
    expect(summariseE2e(summary, 0).failed).toBe(1);
  });

  it('are named but pass locally', async () => {
    const { summary, printed, verdict } = await runReporter(false, tests, 'passed');
    expect(verdict).toBeUndefined();
    expect(summary).toMatchObject({ passed: 2, failed: 0, skipped: 1, flaky: ['chromium › sign-in.spec.ts › signs out'] });
    expect(printed).toContain('~ chromium › sign-in.spec.ts › signs out');
  });
});

describe('[TESTS] a check whose program is missing fails, saying what to install', () => {
  it('finds installed programs and refuses missing ones with the install hint', () => {
    expect(findTool(['sh'])).toMatch(/\/sh$/);
    const missing = findTool(['chorus-no-such-program-xyz']);
    expect(missing).toBeNull();
    expect(() => requireTool(missing, 'LibreOffice (soffice)', 'Install LibreOffice Writer.')).toThrow('LibreOffice (soffice) is not installed, so this check cannot run. Install LibreOffice Writer.');
  });

  it('the LibreOffice export check is not skipped when soffice is missing', () => {
    const source = readFileSync(path.join(import.meta.dirname, '../integration/export.test.ts'), 'utf8');
    expect(source).not.toMatch(/\.(runIf|skipIf|skip)\(/);
    expect(source).toContain("requireTool(soffice, 'LibreOffice (soffice)'");
  });

  it('no test file skips itself on a condition', () => {
    const dirs = ['unit', 'integration', 'e2e'].map((dir) => path.join(import.meta.dirname, '..', dir));
    const offenders: string[] = [];
    let files = 0;
    for (const dir of dirs) {
      for (const file of readdirRecursive(dir)) {
        if (!/\.(test|spec)\.ts$/.test(file) || file.endsWith('test-run-summary.test.ts')) continue;
        files += 1;
        if (/\b(it|test|describe)\s*\.\s*(runIf|skipIf|skip|fixme)\s*\(/.test(readFileSync(file, 'utf8'))) offenders.push(file);
      }
    }
    expect(files).toBeGreaterThan(30);
    expect(offenders).toEqual([]);
  });
});

function readdirRecursive(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((file) => path.join(dir, file));
}
